import Foundation
import LeadTracMessaging
import LeadTracRuntime
import LeadTracStorage
import Logging

/// A service wired exactly as a real one is (a `ConsumerLoop` and an `OutboxRelay` on threads of
/// their own), against the real broker and database, in a fresh schema and fresh queues: the
/// probe by default, or any service's descriptor built for that schema and queue. Tests use it
/// to observe effects and published events.
public final class SpineHarness: @unchecked Sendable {
    public let schema: String
    private let keepsSchema: Bool
    public let queue: String
    /// A queue bound to the probe's done events, so tests can count what was published.
    public let observer: String
    /// Where the harness's services publish their events: `leadtrac.events`, or with
    /// `privateEvents` a topic exchange of the harness's own (`<schema>.events`), which no
    /// service's queue is bound to and the broker deletes with the harness's queues.
    public let eventsExchange: String
    public let handler = Probe.Handler()
    public let descriptor: ServiceDescriptor
    public let readiness = Readiness()
    public var batchSize = 50
    private var stop: StopSignal?
    private var finished: [DispatchSemaphore] = []
    let logger: Logger

    /// - Parameters:
    ///   - service: builds the service under test for a schema and a queue name (default: the probe).
    ///   - observedRoutingKey: what the observer queue binds to on the events exchange (default:
    ///     the probe's done events).
    ///   - privateEvents: publish the events to an exchange of the harness's own rather than
    ///     `leadtrac.events`: benchmarks, whose events would otherwise also fill (and be slowed by)
    ///     the queues of services running on the same broker.
    ///   - keptSchema: work in this schema (created if missing, migrated) and leave it in place
    ///     when removed, rather than in a fresh one that `remove()` drops: a benchmark's store
    ///     that took half an hour to load.
    public init(
        deliveryLimit: Int = 5, prefix: String = "spine",
        service: ((_ schema: String, _ queue: String) -> ServiceDescriptor)? = nil,
        observedRoutingKey: ((_ schema: String) -> String)? = nil, privateEvents: Bool = false,
        keptSchema: String? = nil
    ) throws {
        schema = keptSchema ?? TestServers.uniqueName(prefix)
        keepsSchema = keptSchema != nil
        queue = schema + ".work"
        observer = schema + ".observer"
        eventsExchange = privateEvents ? schema + ".events" : Exchange.events
        descriptor = service?(schema, queue)
            ?? Probe.descriptor(schema: schema, queue: queue, deliveryLimit: deliveryLimit, handler: handler)
        let routingKey = observedRoutingKey?(schema) ?? Probe.doneRoutingKey(schema: schema)
        var logger = Logger(label: "leadtrac.test.harness")
        logger.logLevel = .critical
        self.logger = logger
        try BrokerTool.withConnection { [eventsExchange] connection in
            if privateEvents { try connection.declareExchange(eventsExchange, type: "topic", autoDelete: true) }
            try descriptor.topology.declare(on: connection)
            try connection.declareQueue(observer, arguments: ["x-queue-type": "quorum"])
            try connection.bindQueue(observer, exchange: eventsExchange, routingKey: routingKey)
        }
        try withDatabase { db in
            try Migrator().migrate(
                schema: schema, migrations: SpineSchema.migrations + descriptor.migrations, on: db, logger: logger)
        }
    }

    /// Starts the consumer (or `consumers` competing consumers on the same queue, each with its
    /// own connections and thread, as several replicas of a service would run) and the relay.
    /// With `everyQueue`, also one consumer for each of the descriptor's other queues. The
    /// descriptor's ``ServiceDescriptor/Consumer/instances`` are not used: `consumers` says.
    public func start(consumers: Int = 1, everyQueue: Bool = false) throws {
        let stop = StopSignal()
        self.stop = stop
        let broker = try TestServers.broker()
        let database = try TestServers.database()
        let (readiness, logger, schema, migrations, batchSize) = (readiness, logger, schema, descriptor.migrations, batchSize)
        let (name, topology) = (descriptor.name, descriptor.topology)
        let overrides = eventsExchange == Exchange.events ? [:] : [Exchange.events: eventsExchange]
        func loop(for consumer: ServiceDescriptor.Consumer, instance: Int = 1) -> @Sendable () -> Void {
            let settings = ConsumerSettings(
                service: name, schema: schema, queue: consumer.queue, topology: topology,
                batchSize: batchSize, prefetch: 2 * batchSize, migrations: migrations, instance: instance)
            let handler = consumer.makeHandler()
            return {
                ConsumerLoop(settings: settings, broker: broker, database: database, handler: handler, readiness: readiness, logger: logger)
                    .run(until: stop)
            }
        }
        let others = everyQueue ? descriptor.consumers.dropFirst().map { loop(for: $0) } : []
        let competing = (1...max(1, consumers)).map { loop(for: descriptor.consumers[0], instance: $0) }
        let loops: [@Sendable () -> Void] = competing + others + [
            {
                OutboxRelay(
                    service: name, schema: schema, broker: broker, database: database, topology: topology,
                    migrations: migrations,
                    pollInterval: .milliseconds(200), readiness: readiness, logger: logger, exchangeOverrides: overrides
                ).run(until: stop)
            },
        ]
        finished = loops.map { loop in
            let done = DispatchSemaphore(value: 0)
            Thread {
                loop()
                done.signal()
            }.start()
            return done
        }
    }

    /// Asks both loops to stop and waits until they have returned.
    public func stopAndWait() {
        stop?.request()
        finished.forEach { $0.wait() }
        finished = []
    }

    /// Publishes straight to the harness's queue (default exchange), bypassing bindings.
    public func publishToQueue(_ events: [CloudEvent]) throws {
        try BrokerTool.publish(events.map { $0.message(exchange: "", routingKey: queue) })
    }

    public func publish(count: Int, prefix: String = "work", payload: (Int) -> String = { "p\($0)" }) throws {
        try BrokerTool.publish(Probe.workMessages(schema: schema, count: count, prefix: prefix, payload: payload))
    }

    public func withDatabase<T>(_ body: (PGConnection) throws -> T) throws -> T {
        let db = try PGConnection(configuration: try TestServers.database(), logger: logger)
        defer { db.close() }
        return try body(db)
    }

    /// (rows, distinct message ids) in the effect table.
    public func effects() throws -> (total: Int, distinct: Int) {
        try withDatabase { db in
            let row = try db.execute("SELECT count(*), count(DISTINCT message_id) FROM \(schema).probe_effects").rows[0]
            return (try row.decode(Int.self, at: 0), try row.decode(Int.self, at: 1))
        }
    }

    public func outboxBacklog() throws -> Int {
        try withDatabase { try Outbox(schema: schema).backlog(on: $0) }
    }

    /// Every done event published so far (consumed from the observer queue).
    public func drainObserved() throws -> [Delivery] { try BrokerTool.drain(observer) }

    /// Drops the queues, and the schema unless it was a kept one.
    public func remove() {
        stopAndWait()
        let queues = Set([queue] + descriptor.topology.queues.map(\.name))
        BrokerTool.deleteQueues(queues.flatMap { [$0, QueueSpec.deadLetterQueue(for: $0)] } + [observer])
        guard !keepsSchema else { return }
        _ = try? withDatabase { try $0.execute("DROP SCHEMA IF EXISTS \(schema) CASCADE") }
    }
}

/// Polls `condition` every 100 ms until it holds or `timeout` passes; returns whether it held.
/// Errors while polling (a server being restarted) count as "not yet".
public func eventually(timeout: Duration, _ condition: () throws -> Bool) -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if (try? condition()) == true { return true }
        Thread.sleep(forTimeInterval: 0.1)
    }
    return (try? condition()) == true
}

/// Runs one of the deploy/local scripts (e.g. `rabbitmq.sh restart`), returning its exit status.
///
/// Uses posix_spawn and waitpid rather than Foundation's `Process.waitUntilExit`, which can
/// miss the exit of a script that leaves a daemon behind (the broker it starts).
@discardableResult
public func runLocalScript(_ script: String, _ arguments: String...) throws -> Int32 {
    let path = TestServers.repositoryRoot.appendingPathComponent("deploy/local/\(script)").path
    let argv = (["/bin/bash", path] + arguments).map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    var pid: pid_t = 0
    let spawned = posix_spawn(&pid, "/bin/bash", nil, nil, argv, environ)
    guard spawned == 0 else { throw ServiceProcessError(message: "cannot run \(script): errno \(spawned)") }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
    return (status >> 8) & 0xFF
}
