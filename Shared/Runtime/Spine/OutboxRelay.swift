import Foundation
import LeadTracMessaging
import LeadTracStorage
import Logging

/// Publishes what a service's transactions wrote to its outbox.
///
/// Each round takes (deletes, `FOR UPDATE SKIP LOCKED`, so several instances share the work)
/// up to `sliceSize` of the oldest rows, publishes them with confirms and commits. A crash between the publish and the commit publishes the same rows again with
/// the same message ids; consumers' inboxes absorb the repeat. It sleeps on LISTEN until a
/// writer's NOTIFY (or the poll interval) wakes it. On graceful shutdown it keeps relaying
/// until the outbox is empty (or `flushTimeout` passes), then returns. It also forgets
/// expired inbox keys once an hour. On each broker connect it declares the service's whole
/// topology, so a service's queues exist (and fill) even before it consumes them. Owns one
/// broker and one database connection.
public final class OutboxRelay {
    private let service: String
    /// Exchange → the exchange its messages are published to instead (a benchmark's events go
    /// to an exchange of their own, see `SpineHarness`); empty for services.
    private let exchangeOverrides: [String: String]
    private let schema: String
    private let outbox: Outbox
    private let inbox: Inbox
    private let pollInterval: Duration
    private let inboxRetentionHours: Int
    private let sliceSize: Int
    private let flushTimeout: Duration
    private let logger: Logger
    private let metrics: RelayMetrics
    private let broker: Reconnecting<AMQPConnection>
    private let database: Reconnecting<PGConnection>
    /// How often `leadtrac_outbox_backlog` is counted.
    static let backlogInterval = Duration.seconds(5)

    public init(
        service: String, schema: String, broker: BrokerConfiguration, database: DatabaseConfiguration,
        topology: Topology = Topology(), migrations: [Migration], pollInterval: Duration = .seconds(1), inboxRetentionHours: Int = 168,
        sliceSize: Int = 500, flushTimeout: Duration = .seconds(10), readiness: Readiness, logger: Logger,
        onFirstConnect: (@Sendable (PGConnection) throws -> Void)? = nil, exchangeOverrides: [String: String] = [:]
    ) {
        self.exchangeOverrides = exchangeOverrides
        self.service = service
        self.schema = schema
        outbox = Outbox(schema: schema)
        inbox = Inbox(schema: schema)
        self.pollInterval = pollInterval
        self.inboxRetentionHours = inboxRetentionHours
        self.sliceSize = sliceSize
        self.flushTimeout = flushTimeout
        self.logger = logger
        metrics = RelayMetrics(service: service)
        self.broker = reconnectingBroker(broker, name: "\(service) outbox relay", logger: logger) {
            connection throws(MessagingError) in
            try topology.declare(on: connection)
            try connection.enableConfirms()
        }
        let channel = SpineSchema.outboxChannel(schema: schema)
        var firstConnect = onFirstConnect
        self.database = reconnectingDatabase(database, logger: logger) { connection in
            try Migrator().migrate(
                schema: schema, migrations: SpineSchema.migrations + migrations, on: connection, logger: logger)
            try connection.listen(channel)
            if let once = firstConnect {
                try once(connection)
                firstConnect = nil
            }
        }
        readiness.set("relay:broker", ready: false)
        readiness.set("relay:database", ready: false)
        self.broker.onStateChange = { readiness.set("relay:broker", ready: $0) }
        self.database.onStateChange = { readiness.set("relay:database", ready: $0) }
    }

    /// Relays until `stop` is requested and the outbox is empty. Blocks the calling thread.
    public func run(until stop: StopSignal) {
        var flushDeadline: ContinuousClock.Instant?
        var nextMaintenance = ContinuousClock.now
        var nextBacklogCount = ContinuousClock.now
        var backoff = Backoff()
        func giveUp() -> Bool {
            guard stop.isRequested else { return false }
            let deadline = flushDeadline ?? (ContinuousClock.now + flushTimeout)
            flushDeadline = deadline
            return ContinuousClock.now >= deadline
        }
        while !giveUp() {
            guard let db = database.connection(until: giveUp), let connection = broker.connection(until: giveUp)
            else { break }
            do {
                let published = try relaySlice(db: db, connection: connection)
                backoff.reset()
                // Counted every few seconds, busy or idle: a count reads every page of the
                // table, dead rows included, and once per slice it was a tenth of the
                // database's work under load.
                if ContinuousClock.now >= nextBacklogCount {
                    nextBacklogCount = ContinuousClock.now + Self.backlogInterval
                    metrics.backlog.record(try outbox.backlog(on: db))
                }
                // A full slice may have left rows behind: take again. After a partial one, rows
                // committed since have notified (the wait returns at once), and the take, which
                // reads every page of a queue table between vacuums, is not repeated for nothing.
                // While stopping, take until nothing is left.
                if published >= sliceSize || (published > 0 && stop.isRequested) { continue }
                if stop.isRequested { break }  // flushed
                if ContinuousClock.now >= nextMaintenance {
                    nextMaintenance = ContinuousClock.now + .seconds(3600)
                    let removed = try inbox.removeExpired(olderThanHours: inboxRetentionHours, on: db)
                    if removed > 0 { logger.info("expired inbox keys removed", metadata: ["count": "\(removed)"]) }
                }
                _ = try db.waitForNotifications(timeout: pollInterval)
            } catch let error as MessagingError {
                logger.warning("relay publish failed", metadata: ["error": "\(error)"])
                if error.requiresReconnect { broker.invalidate() }
                sleep(backoff.next(), unless: giveUp)
            } catch {
                logger.warning("relay database error", metadata: ["error": "\(error)"])
                if (error as? DatabaseError)?.connectionLost ?? true { database.invalidate() }
                sleep(backoff.next(), unless: giveUp)
            }
        }
        broker.close()
        database.close()
    }

    private func relaySlice(db: PGConnection, connection: AMQPConnection) throws -> Int {
        try db.transaction { db in
            let entries = try outbox.take(sliceSize, on: db)
            guard !entries.isEmpty else { return 0 }
            let start = ContinuousClock.now
            try connection.publish(entries.map { entry in
                var message = entry.message
                message.properties.appID = service
                if let exchange = exchangeOverrides[message.exchange] { message.exchange = exchange }
                return message
            })
            metrics.publishDuration.record(ContinuousClock.now - start)
            metrics.published.increment(by: entries.count)
            return entries.count
        }
    }
}
