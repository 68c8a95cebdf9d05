import Foundation
import LeadTracMessaging
import LeadTracRuntime
import LeadTracStorage
import LeadTracTesting
import Logging

/// `leadtrac bench hop`: one hop (consume → database effect → confirmed publish → ack) measured
/// twice on this machine, in one run:
/// - **raw**: the minimal loop with the same C libraries and batch size: take a batch, INSERT
///   each message in one transaction, commit, publish one message per input with confirms,
///   ack the batch. No inbox, no outbox: a crash can lose or duplicate.
/// - **spine**: the real `ConsumerLoop` + `OutboxRelay` with the probe handler (one INSERT and
///   one emitted event per message), i.e. inbox claim, outbox write, commit, ack, then relay
///   with confirms and delete: effectively once.
/// Messages are queued before each timed run; a run ends when every derived message is in the
/// observing queue.
public struct HopBenchmark {
    public struct Result: Sendable {
        public var batchSize: Int
        public var messages: Int
        public var rawRate: Double
        public var spineRate: Double
        public var ratio: Double { spineRate / rawRate }
    }

    let broker: BrokerConfiguration
    let database: DatabaseConfiguration
    let logger: Logger
    /// The batch linger both loops use (the spine's default).
    let linger = Duration.milliseconds(5)

    public init(broker: BrokerConfiguration, database: DatabaseConfiguration) {
        self.broker = broker
        self.database = database
        var logger = Logger(label: "leadtrac.bench")
        logger.logLevel = .error
        self.logger = logger
    }

    public func run(batchSize: Int, messages: Int) throws -> Result {
        let raw = try measureRaw(batchSize: batchSize, messages: messages)
        let spine = try measureSpine(batchSize: batchSize, messages: messages)
        return Result(batchSize: batchSize, messages: messages, rawRate: raw, spineRate: spine)
    }

    // MARK: raw

    func measureRaw(batchSize: Int, messages: Int) throws -> Double {
        let name = TestServers.uniqueName("bench_raw")
        let input = name + ".in", output = name + ".out"
        let setup = try AMQPConnection(configuration: broker, name: "bench setup", logger: logger)
        defer {
            for queue in [input, output] { try? setup.deleteQueue(queue) }
            setup.close()
        }
        for queue in [input, output] { try setup.declareQueue(queue, arguments: ["x-queue-type": "quorum"]) }
        let db = try PGConnection(configuration: database, logger: logger)
        defer {
            _ = try? db.execute("DROP SCHEMA IF EXISTS \(name) CASCADE")
            db.close()
        }
        try db.executeScript("CREATE SCHEMA \(name); CREATE TABLE \(name).effects (id bigserial PRIMARY KEY, message_id text, payload text)")
        try fill(input, count: messages, connection: setup)

        let consumer = try AMQPConnection(configuration: broker, name: "bench raw consumer", logger: logger)
        let publisher = try AMQPConnection(configuration: broker, name: "bench raw publisher", logger: logger)
        defer {
            consumer.close()
            publisher.close()
        }
        try publisher.enableConfirms()
        try consumer.setPrefetch(2 * batchSize)
        try consumer.consume(queue: input)
        let insert = "INSERT INTO \(name).effects (message_id, payload) VALUES ($1, $2)"
        let start = ContinuousClock.now
        var done = 0
        while done < messages {
            var batch: [Delivery] = []
            if let first = try consumer.nextDelivery(timeout: .seconds(5)) { batch.append(first) } else { break }
            let lingerEnd = ContinuousClock.now + linger
            while batch.count < batchSize,
                let next = try consumer.nextDelivery(timeout: max(.zero, lingerEnd - ContinuousClock.now))
            {
                batch.append(next)
            }
            try db.transaction { db in
                for delivery in batch {
                    try db.execute(insert, [PGValue(delivery.properties.messageID), PGValue(String(decoding: delivery.body, as: UTF8.self))])
                }
            }
            try publisher.publish(batch.map {
                OutgoingMessage(exchange: "", routingKey: output, properties: MessageProperties(messageID: $0.properties.messageID), body: $0.body)
            })
            try consumer.ack(batch.last!.deliveryTag, multiple: true)
            done += batch.count
        }
        return Double(done) / (ContinuousClock.now - start).seconds
    }

    // MARK: spine

    func measureSpine(batchSize: Int, messages: Int) throws -> Double {
        let schema = TestServers.uniqueName("bench_spine")
        let queue = schema + ".in", observer = schema + ".out"
        let descriptor = Probe.descriptor(schema: schema, queue: queue)
        let setup = try AMQPConnection(configuration: broker, name: "bench setup", logger: logger)
        let db = try PGConnection(configuration: database, logger: logger)
        defer {
            for name in [queue, QueueSpec.deadLetterQueue(for: queue), observer] { try? setup.deleteQueue(name) }
            setup.close()
            _ = try? db.execute("DROP SCHEMA IF EXISTS \(schema) CASCADE")
            db.close()
        }
        try descriptor.topology.declare(on: setup)
        try setup.declareQueue(observer, arguments: ["x-queue-type": "quorum"])
        try setup.bindQueue(observer, exchange: Exchange.events, routingKey: Probe.doneRoutingKey(schema: schema))
        try Migrator().migrate(schema: schema, migrations: SpineSchema.migrations + descriptor.migrations, on: db, logger: logger)
        try setup.publishAll(Probe.workMessages(schema: schema, count: messages))

        let readiness = Readiness()
        let settings = ConsumerSettings(
            service: "bench", schema: schema, queue: descriptor.consumers[0].queue, topology: descriptor.topology,
            batchSize: batchSize, batchLinger: linger, prefetch: 2 * batchSize, migrations: descriptor.migrations)
        let stop = StopSignal()
        let handler = descriptor.consumers[0].makeHandler()
        let (broker, database, logger) = (self.broker, self.database, self.logger)
        let start = ContinuousClock.now
        let threads = [
            Thread {
                ConsumerLoop(settings: settings, broker: broker, database: database, handler: handler, readiness: readiness, logger: logger)
                    .run(until: stop)
            },
            Thread {
                OutboxRelay(
                    service: "bench", schema: schema, broker: broker, database: database, migrations: descriptor.migrations,
                    pollInterval: .milliseconds(100), readiness: readiness, logger: logger
                ).run(until: stop)
            },
        ]
        threads.forEach { $0.start() }
        defer { stop.request() }
        var published = 0
        let deadline = ContinuousClock.now + .seconds(600)
        while published < messages, ContinuousClock.now < deadline {
            Thread.sleep(forTimeInterval: 0.02)
            published = try setup.declareQueue(observer, passive: true).messages
        }
        return Double(published) / (ContinuousClock.now - start).seconds
    }

    private func fill(_ queue: String, count: Int, connection: AMQPConnection) throws {
        try connection.publishAll((0..<count).map { index in
            OutgoingMessage(
                exchange: "", routingKey: queue, properties: MessageProperties(messageID: "raw-\(index)"),
                body: Array("p\(index)".utf8))
        })
    }
}

extension AMQPConnection {
    /// Publishes with confirms in slices (turning confirm mode on first if needed by callers).
    func publishAll(_ messages: [OutgoingMessage]) throws {
        let publisher = try AMQPConnection(configuration: configuration, name: "bench fill", logger: Logger(label: "leadtrac.bench"))
        defer { publisher.close() }
        try publisher.enableConfirms()
        for start in stride(from: 0, to: messages.count, by: 5_000) {
            try publisher.publish(Array(messages[start..<min(start + 5_000, messages.count)]))
        }
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
