import Foundation
import LeadTracCLI
import LeadTracMessaging
import LeadTracRuntime
import LeadTracTesting
import Testing

/// The spine against the real RabbitMQ and PostgreSQL started by deploy/local/start-servers.sh.
///
/// Serialized: some tests restart the shared servers.
extension Integration {
@Suite struct SpineIntegrationTests {
    @Test func publishedMessageIsHandledCommittedRelayedAndAcked() throws {
        let harness = try SpineHarness()
        defer { harness.remove() }
        try harness.start()
        try harness.publish(count: 200)

        #expect(eventually(timeout: .seconds(60)) { try harness.effects().total == 200 })
        #expect(eventually(timeout: .seconds(30)) { try BrokerTool.messageCount(harness.observer) == 200 })
        harness.stopAndWait()

        #expect(try harness.effects() == (200, 200))
        #expect(try harness.outboxBacklog() == 0)
        #expect(try BrokerTool.messageCount(harness.queue) == 0, "nothing left in the queue or unacked")
        let observed = try harness.drainObserved()
        #expect(Set(observed.compactMap(\.properties.messageID)).count == 200)
        let first = try #require(observed.first)
        let event = try CloudEvent(delivery: first)
        #expect(event.type == Probe.doneType)
        #expect(event.causationID?.hasPrefix("work-") == true)
        #expect(event.id == EventID.derive(from: event.causationID!, type: Probe.doneType))
    }

    /// A benchmark's harness publishes to an exchange of its own: a queue bound to
    /// `leadtrac.events` (as a running service's is) gets nothing, while an ordinary harness's
    /// events do reach it.
    @Test(arguments: [true, false])
    func privateEventsNeverReachQueuesBoundToTheSharedExchange(privateEvents: Bool) throws {
        let harness = try SpineHarness(privateEvents: privateEvents)
        let spy = harness.schema + ".spy"
        defer {
            harness.remove()
            BrokerTool.deleteQueues([spy])
        }
        try BrokerTool.withConnection { connection in
            try connection.declareQueue(spy, arguments: ["x-queue-type": "quorum"])
            try connection.bindQueue(spy, exchange: Exchange.events, routingKey: Probe.doneRoutingKey(schema: harness.schema))
        }
        try harness.start()
        try harness.publish(count: 20)
        #expect(eventually(timeout: .seconds(30)) { try BrokerTool.messageCount(harness.observer) == 20 })
        harness.stopAndWait()
        #expect(harness.eventsExchange == (privateEvents ? harness.schema + ".events" : Exchange.events))
        #expect(try BrokerTool.messageCount(spy) == (privateEvents ? 0 : 20))
    }

    /// The outbox gives back exactly what was put in, in order: bodies of any bytes (empty, NUL,
    /// not UTF-8, large) next to each other in one statement, and the headers.
    @Test func outboxTakesBackTheBodiesAndHeadersItWasGiven() throws {
        let harness = try SpineHarness()
        defer { harness.remove() }
        let outbox = Outbox(schema: harness.schema)
        let bodies: [[UInt8]] = [[], [0], Array("{\"a\":1}".utf8), (0..<3_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }, [255, 0, 254]]
        let messages = bodies.enumerated().map { index, body in
            OutgoingMessage(
                exchange: "ex", routingKey: "rk.\(index)",
                properties: MessageProperties(
                    contentType: "application/octet-stream", messageID: "m-\(index)", type: "t",
                    headers: ["cloudEvents:id": .string("m-\(index)"), "n": .int(Int64(index)), "stamp": .timestamp(7)]),
                body: body)
        }
        let taken = try harness.withDatabase { db in
            try db.transaction { try outbox.enqueue(messages, on: $0) }
            return try db.transaction { try outbox.take(100, on: $0) }
        }
        #expect(taken.map(\.message.body.count) == bodies.map(\.count))
        let sameBytes = taken.map(\.message.body) == bodies  // a Bool: a failure would print every byte
        #expect(sameBytes, "the same lengths, other bytes")
        #expect(taken.map(\.message.routingKey) == messages.map(\.routingKey))
        #expect(taken.map(\.message.properties.headers) == messages.map(\.properties.headers))
        #expect(try harness.outboxBacklog() == 0)
    }

    /// A body that would be compressed in an ordinary table (6 kB of one letter) waits in the
    /// outbox as it is: the relay reads it back within milliseconds (SpineSchema, version 3).
    @Test func outboxBodiesAreNotCompressed() throws {
        let harness = try SpineHarness()
        defer { harness.remove() }
        let body = Array(repeating: UInt8(ascii: "a"), count: 6_000)
        let message = OutgoingMessage(exchange: "ex", routingKey: "rk", properties: MessageProperties(messageID: "m"), body: body)
        let (compression, size) = try harness.withDatabase { db in
            try db.transaction { try Outbox(schema: harness.schema).enqueue([message], on: $0) }
            let row = try db.execute("SELECT pg_column_compression(body), pg_column_size(body) FROM \(harness.schema).outbox").rows[0]
            return (try row.decode(String?.self, at: 0), try row.decode(Int.self, at: 1))
        }
        #expect(compression == nil)
        #expect(size >= body.count)
    }

    @Test func sameMessageDeliveredThreeTimesHasOneEffect() throws {
        let harness = try SpineHarness()
        defer { harness.remove() }
        let message = Probe.workMessages(schema: harness.schema, count: 1, prefix: "dup")[0]
        try BrokerTool.publish([message, message, message])
        try harness.start()

        #expect(eventually(timeout: .seconds(30)) { try BrokerTool.messageCount(harness.observer) >= 1 })
        #expect(eventually(timeout: .seconds(30)) { try BrokerTool.messageCount(harness.queue) == 0 })
        harness.stopAndWait()
        #expect(try harness.effects() == (1, 1))
        #expect(try harness.drainObserved().count == 1)
    }

    @Test func poisonMessageIsDeadLetteredWithReasonWhileOthersProceedAndReplayBringsItBack() throws {
        let harness = try SpineHarness(deliveryLimit: 3)
        defer { harness.remove() }
        try harness.publish(count: 30) { $0 == 7 ? "poison" : "p\($0)" }
        try harness.start()

        #expect(eventually(timeout: .seconds(60)) { try harness.effects().total == 29 })
        let dlq = QueueSpec.deadLetterQueue(for: harness.queue)
        #expect(eventually(timeout: .seconds(30)) { try BrokerTool.messageCount(dlq) == 1 })

        let tool = try DeadLetterQueues(broker: try TestServers.broker())
        let letters = try tool.show(queue: harness.queue, limit: 10)
        #expect(letters.count == 1)
        #expect(letters.first?.messageID == "work-7")
        #expect(letters.first?.reason == "handler.failed")
        #expect(letters.first?.originalRoutingKey == "probe.\(harness.schema)")
        #expect(try BrokerTool.messageCount(dlq) == 1, "show leaves the dead letter in place")

        harness.handler.poisonEnabled.store(false, ordering: .relaxed)  // "fixed" the bug
        let cli = try ServiceProcess(
            "leadtrac", arguments: ["dlq", "replay", harness.queue, "--id", "work-7", "--amqp-url", TestServers.amqpURL])
        #expect(cli.waitForExit(timeout: .seconds(30)) == 0, "\(cli.log)")
        #expect(cli.log.contains("replayed 1 message(s) to \(harness.queue)"))
        #expect(eventually(timeout: .seconds(30)) { try harness.effects().total == 30 })
        #expect(try BrokerTool.messageCount(dlq) == 0)
        harness.stopAndWait()
        #expect(try harness.effects() == (30, 30))
    }

    @Test func invalidEnvelopeAndRejectedMessageAreDeadLetteredAtOnceWithTheirCodes() throws {
        let harness = try SpineHarness()
        defer { harness.remove() }
        var noType = Probe.workMessages(schema: harness.schema, count: 1, prefix: "notype")[0]
        noType.properties.headers["cloudEvents:type"] = nil
        let rejected = Probe.workMessages(schema: harness.schema, count: 1, prefix: "rejected") { _ in "reject" }[0]
        try BrokerTool.publish([noType, rejected] + Probe.workMessages(schema: harness.schema, count: 5))
        try harness.start()

        let dlq = QueueSpec.deadLetterQueue(for: harness.queue)
        #expect(eventually(timeout: .seconds(30)) { try BrokerTool.messageCount(dlq) == 2 })
        #expect(eventually(timeout: .seconds(30)) { try harness.effects().total == 5 })
        harness.stopAndWait()
        let letters = try DeadLetterQueues(broker: try TestServers.broker()).show(queue: harness.queue, limit: 10)
        let reasons = Dictionary(uniqueKeysWithValues: letters.map { ($0.messageID ?? "", $0.reason ?? "") })
        #expect(reasons["notype-0"] == "envelope.missing-attribute")
        #expect(reasons["rejected-0"] == "probe.invalid")
    }

    @Test func expiredInboxKeysAreForgottenAndRecentOnesKept() throws {
        let harness = try SpineHarness()
        defer { harness.remove() }
        try harness.withDatabase { db in
            try db.execute(
                "INSERT INTO \(harness.schema).inbox (message_key, queue, processed_at) VALUES ('old', 'q', now() - interval '200 hours'), ('new', 'q', now() - interval '1 hour')")
            let removed = try Inbox(schema: harness.schema).removeExpired(olderThanHours: 168, on: db)
            #expect(removed == 1)
            let left = try db.execute("SELECT message_key FROM \(harness.schema).inbox").rows.map { try $0.decode(String.self, at: 0) }
            #expect(left == ["new"])
        }
    }
}
}
