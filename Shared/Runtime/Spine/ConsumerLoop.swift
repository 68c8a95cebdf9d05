import Foundation
import LeadTracMessaging
import LeadTracStorage
import Logging

/// What one consumer needs to know besides its connections.
public struct ConsumerSettings: Sendable {
    public var service: String
    public var schema: String
    public var queue: QueueSpec
    /// Declared (idempotently) on every (re)connect, so the consumer never waits on a missing queue.
    public var topology: Topology
    public var batchSize: Int
    /// How long to wait for more deliveries once a batch has begun (never past `batchSize`):
    /// under load it fills batches that the broker has not quite sent yet; idle, it adds at
    /// most this much latency.
    public var batchLinger: Duration
    public var prefetch: Int
    /// Applied on every database (re)connect before the first message (advisory-locked, idempotent).
    public var migrations: [Migration]
    /// Which of the process's competing loops on `queue` this is (from 1): the second and later
    /// report readiness as `consumer:<queue>#<instance>`.
    public var instance: Int

    public init(
        service: String, schema: String, queue: QueueSpec, topology: Topology, batchSize: Int,
        batchLinger: Duration = .milliseconds(5), prefetch: Int, migrations: [Migration], instance: Int = 1
    ) {
        self.service = service
        self.schema = schema
        self.queue = queue
        self.topology = topology
        self.batchSize = batchSize
        self.batchLinger = batchLinger
        self.prefetch = prefetch
        self.migrations = migrations
        self.instance = instance
    }
}

/// The one consumer loop every service uses: consume a batch, handle it in one database
/// transaction together with its inbox claims and outbox events, commit, then acknowledge.
///
/// Failure design (docs/architecture.md, "Effectively once"):
/// - crash anywhere: unacknowledged deliveries come back; committed ones are found in the
///   inbox and only acknowledged, so each effect happens once;
/// - broker gone: the deliveries held are dropped (the broker redelivers them), the loop
///   reconnects with backoff and restores its consumer;
/// - database gone: the batch is kept and retried with backoff; meanwhile the broker
///   connection is kept alive (heartbeats) so nothing is redelivered needlessly;
/// - a message that fails: it is isolated from its batch; a `MessageRejection` dead-letters it
///   at once; other errors are retried until the queue's delivery limit, then dead-lettered
///   as `handler.failed`; the messages behind it go on.
/// Owns one broker connection and one database connection; runs on its own thread.
public final class ConsumerLoop {
    private let settings: ConsumerSettings
    private let handler: any MessageHandler
    private let readiness: Readiness
    private let logger: Logger
    private let metrics: ConsumerMetrics
    private let inbox: Inbox
    private let outbox: Outbox
    private let broker: Reconnecting<AMQPConnection>
    private let database: Reconnecting<PGConnection>
    private var stop = StopSignal()

    public init(
        settings: ConsumerSettings, broker: BrokerConfiguration, database: DatabaseConfiguration,
        handler: any MessageHandler, readiness: Readiness, logger: Logger
    ) {
        self.settings = settings
        self.handler = handler
        self.readiness = readiness
        var logger = logger
        logger[metadataKey: "amqp.queue"] = "\(settings.queue.name)"
        self.logger = logger
        metrics = ConsumerMetrics(queue: settings.queue.name)
        inbox = Inbox(schema: settings.schema)
        outbox = Outbox(schema: settings.schema)
        let component = "consumer:\(settings.queue.name)" + (settings.instance > 1 ? "#\(settings.instance)" : "")
        self.broker = reconnectingBroker(
            broker, name: "\(settings.service) consumer \(settings.queue.name)", logger: logger
        ) { connection throws(MessagingError) in
            try settings.topology.declare(on: connection)
            try connection.setPrefetch(settings.prefetch)
            try connection.consume(queue: settings.queue.name)
        }
        self.database = reconnectingDatabase(database, logger: logger) { connection in
            try Migrator().migrate(
                schema: settings.schema, migrations: SpineSchema.migrations + settings.migrations, on: connection,
                logger: logger)
        }
        readiness.set("\(component):broker", ready: false)
        readiness.set("\(component):database", ready: false)
        self.broker.onStateChange = { readiness.set("\(component):broker", ready: $0) }
        self.database.onStateChange = { readiness.set("\(component):database", ready: $0) }
    }

    /// Consumes until `stop` is requested, then finishes and acknowledges the batch in hand
    /// and returns. Blocks the calling thread.
    public func run(until stop: StopSignal) {
        self.stop = stop
        var held: [Delivery] = []
        while !stop.isRequested {
            guard let connection = broker.connection(until: { stop.isRequested }) else { break }
            // Connect the database before taking messages, so readiness tells the truth.
            let arrived = DeliveryBox()
            let db = database.connection(until: { stop.isRequested }, wait: { self.pump(connection, for: $0, into: arrived) })
            held += arrived.deliveries
            guard db != nil else { break }
            do {
                if held.isEmpty {
                    guard let first = try connection.nextDelivery(timeout: .milliseconds(250)) else { continue }
                    held.append(first)
                }
                let lingerEnd = ContinuousClock.now + settings.batchLinger
                while held.count < settings.batchSize,
                    let next = try connection.nextDelivery(timeout: max(.zero, lingerEnd - ContinuousClock.now))
                {
                    held.append(next)
                }
                let batch = Array(held.prefix(settings.batchSize))
                held.removeFirst(batch.count)
                held += try process(batch, on: connection)
            } catch {
                // The broker connection failed: what we hold will be redelivered.
                logger.warning("broker connection lost", metadata: ["error": "\(error)", "held": "\(held.count)"])
                held.removeAll()
                broker.invalidate()
            }
        }
        broker.close()
        database.close()
    }

    /// Handles one batch; returns deliveries that arrived while it waited for the database.
    private func process(_ batch: [Delivery], on connection: AMQPConnection) throws(MessagingError) -> [Delivery] {
        let keys = batch.map(Inbox.key(for:))
        var events: [CloudEvent?] = []
        var rejected: [Int: MessageRejection] = [:]
        for (index, delivery) in batch.enumerated() {
            do {
                events.append(try CloudEvent(delivery: delivery))
            } catch {
                events.append(nil)
                rejected[index] = MessageRejection(code: error.code, message: error.message)
            }
        }
        metrics.received.increment(by: batch.count)
        metrics.batchSize.record(batch.count)
        var excluded = Set<Int>()
        let arrived = DeliveryBox()
        var backoff = Backoff()

        while true {
            let included = batch.indices.filter { !excluded.contains($0) }
            guard
                let db = database.connection(
                    until: { stop.isRequested }, wait: { self.pump(connection, for: $0, into: arrived) })
            else { return arrived.deliveries }  // stopping with the database down: redelivered later
            do {
                let start = ContinuousClock.now
                var handlerTime = Duration.zero
                let counts = try db.transaction { db in
                    let claimed = try inbox.claim(included.map { keys[$0] }, queue: settings.queue.name, on: db)
                    let handlerStart = ContinuousClock.now
                    defer { handlerTime = ContinuousClock.now - handlerStart }
                    return try handle(included, of: batch, events: events, keys: keys, claimed: claimed,
                                      rejected: rejected, on: db)
                }
                metrics.handlerDuration.record(handlerTime)
                metrics.commitDuration.record(ContinuousClock.now - start - handlerTime)
                metrics.processed.increment(by: counts.handled)
                metrics.duplicates.increment(by: counts.duplicates)
                for (index, reason) in rejected where included.contains(index) {
                    metrics.deadLettered(reason: reason.code).increment()
                    logger.warning(
                        "message dead-lettered",
                        metadata: ["event.id": "\(batch[index].properties.messageID ?? "-")", "reason": "\(reason.code)"])
                }
                try acknowledge(included, of: batch, whole: excluded.isEmpty, on: connection)
                for index in excluded.sorted() { arrived.deliveries += try process([batch[index]], on: connection) }
                return arrived.deliveries
            } catch let failure as HandlerFailure where failure.error is MessageRejection {
                rejected[failure.index] = failure.error as? MessageRejection
            } catch let failure as HandlerFailure where !failure.error.isTransientDatabaseError {
                metrics.failed(reason: "handler.failed").increment()
                if included.count > 1 {
                    excluded.insert(failure.index)  // handle the others now, this one alone afterwards
                    continue
                }
                let delivery = batch[failure.index]
                logger.warning(
                    "handler failed",
                    metadata: [
                        "event.id": "\(delivery.properties.messageID ?? "-")", "error": "\(failure.error)",
                        "delivery.count": "\(delivery.previousDeliveries + 1)",
                    ])
                if delivery.previousDeliveries + 1 >= settings.queue.deliveryLimit {
                    rejected[failure.index] = MessageRejection(
                        code: "handler.failed",
                        message: "failed \(settings.queue.deliveryLimit) times, last: \(type(of: failure.error))")
                } else {
                    sleep(.milliseconds(100), unless: { stop.isRequested })
                    try connection.nack(delivery.deliveryTag, requeue: true)
                    return arrived.deliveries
                }
            } catch where error.isTransientDatabaseError || (error as? HandlerFailure)?.error.isTransientDatabaseError == true {
                metrics.failed(reason: "database.unavailable").increment()
                let cause = (error as? HandlerFailure)?.error ?? error
                if (cause as? DatabaseError)?.connectionLost ?? true { database.invalidate() }
                let delay = backoff.next()
                logger.warning("database error, retrying batch", metadata: ["error": "\(cause)", "retry.in": "\(delay)"])
                pump(connection, for: delay, into: arrived)
                if stop.isRequested { return arrived.deliveries }
            } catch let error as MessagingError {
                throw error
            } catch {
                // Not attributable to one message (e.g. a deferred constraint at commit).
                metrics.failed(reason: "batch.failed").increment()
                logger.warning("batch failed", metadata: ["error": "\(error)", "batch": "\(included.count)"])
                if included.count > 1 {
                    for index in included.dropFirst() { excluded.insert(index) }
                } else {
                    rejected[included[0]] = MessageRejection(code: "handler.failed", message: "\(type(of: error))")
                }
            }
        }
    }

    private struct Counts {
        var handled = 0
        var duplicates = 0
    }

    /// Runs the handler for each claimed message and writes all outgoing messages to the outbox.
    private func handle(
        _ included: [Int], of batch: [Delivery], events: [CloudEvent?], keys: [String], claimed: Set<String>,
        rejected: [Int: MessageRejection], on db: PGConnection
    ) throws -> Counts {
        var counts = Counts()
        var outgoing: [OutgoingMessage] = []
        // The first delivery of each newly claimed message; the others are duplicates.
        var seen = Set<String>()
        let firsts = Set(included.filter { claimed.contains(keys[$0]) && seen.insert(keys[$0]).inserted })
        handler.beginBatch()
        let handled = included.filter { firsts.contains($0) && rejected[$0] == nil && events[$0] != nil }
        if !handled.isEmpty {
            do {
                try handler.prepareBatch(handled.compactMap { events[$0] }, database: db)
            } catch {
                throw HandlerFailure(index: handled[0], error: error)
            }
        }
        for index in included {
            guard firsts.contains(index) else {
                counts.duplicates += 1
                continue
            }
            let delivery = batch[index]
            if let reason = rejected[index] {
                outgoing.append(
                    DeadLetter.message(for: delivery, queue: settings.queue.name, service: settings.service, reason: reason))
                continue
            }
            guard let event = events[index] else { continue }
            var messageLogger = logger
            messageLogger[metadataKey: "event.id"] = "\(event.id)"
            messageLogger[metadataKey: "correlation.id"] = "\(event.correlationID ?? event.id)"
            let context = HandlerContext(
                database: db, schema: settings.schema, service: settings.service, delivery: delivery,
                logger: messageLogger)
            do {
                try handler.handle(event, context: context)
            } catch {
                throw HandlerFailure(index: index, error: error)
            }
            outgoing += context.emitted
            if let reason = context.rejection {
                outgoing.append(
                    DeadLetter.message(for: delivery, queue: settings.queue.name, service: settings.service, reason: reason))
            }
            counts.handled += 1
        }
        do {
            try handler.finishBatch(database: db)
        } catch {
            throw HandlerFailure(index: included.last ?? 0, error: error)
        }
        try outbox.enqueue(outgoing, on: db)
        return counts
    }

    private func acknowledge(_ included: [Int], of batch: [Delivery], whole: Bool, on connection: AMQPConnection)
        throws(MessagingError)
    {
        if whole, let last = included.last {
            try connection.ack(batch[last].deliveryTag, multiple: true)
        } else {
            for index in included { try connection.ack(batch[index].deliveryTag) }
        }
    }

    /// Waits `duration` while servicing the broker connection; keeps deliveries that arrive.
    private func pump(_ connection: AMQPConnection, for duration: Duration, into box: DeliveryBox) {
        let deadline = ContinuousClock.now + duration
        while !stop.isRequested, ContinuousClock.now < deadline {
            let step = min(deadline - ContinuousClock.now, .milliseconds(100))
            do {
                if let delivery = try connection.nextDelivery(timeout: max(step, .zero)) {
                    box.deliveries.append(delivery)
                }
            } catch {
                return  // the next broker call fails too and triggers the reconnect
            }
        }
    }
}

/// An error from the handler, with the position of the message that raised it.
private struct HandlerFailure: Error {
    let index: Int
    let error: any Error
}

/// Collects deliveries received while waiting (a reference, so wait closures can fill it).
private final class DeliveryBox {
    var deliveries: [Delivery] = []
}
