import Foundation
import LeadTracMessaging
import LeadTracRuntime
import Logging

/// Inspecting and replaying dead letters (`leadtrac dlq …`), over one broker connection.
///
/// A dead-letter queue `<queue>.dlq` holds what `<queue>` could not handle. Inspection takes
/// messages with `basic.get` and never acknowledges them, so closing the connection puts them
/// back. Replay republishes a message straight to its source queue (default exchange, routing
/// key = queue name, mandatory, confirmed) with the dead-letter headers removed and a fresh
/// `x-leadtrac-replay-id`, then acknowledges its dead-letter copy.
public struct DeadLetterQueues {
    /// The queues of all six services.
    public static var allServiceQueues: [QueueSpec] { Services.all.flatMap(\.topology.queues) }

    /// Their names: `list` shows their dead-letter queues by default.
    public static var serviceQueues: [String] { allServiceQueues.map(\.name) }

    public struct Summary: Sendable, Codable, Hashable {
        public var queue: String
        public var deadLetterQueue: String
        public var messages: Int
    }

    /// One dead letter, as `show` prints it (no body unless asked: bodies hold personal data).
    public struct Letter: Sendable, Codable, Hashable {
        public var messageID: String?
        public var type: String?
        public var reason: String?
        public var reasonMessage: String?
        public var deadLetteredAt: String?
        public var originalRoutingKey: String?
        public var brokerReason: String?
        public var bodyBytes: Int
        public var body: String?
    }

    private let connection: AMQPConnection

    public init(broker: BrokerConfiguration) throws {
        connection = try AMQPConnection(configuration: broker, name: "leadtrac dlq", logger: Logger(label: "leadtrac.cli"))
    }

    public func close() { connection.close() }

    public func list(queues: [String] = serviceQueues) throws -> [Summary] {
        try queues.map { queue in
            let dlq = QueueSpec.deadLetterQueue(for: queue)
            let count = try connection.declareQueue(dlq, arguments: ["x-queue-type": "quorum"]).messages
            return Summary(queue: queue, deadLetterQueue: dlq, messages: count)
        }
    }

    /// Up to `limit` dead letters of `queue`, left in place.
    public func show(queue: String, limit: Int, includeBody: Bool = false) throws -> [Letter] {
        let dlq = QueueSpec.deadLetterQueue(for: queue)
        var letters: [Letter] = []
        defer { connection.close() }  // un-acked gets go back to the queue
        while letters.count < limit, let delivery = try connection.get(queue: dlq) {
            letters.append(Self.letter(delivery, includeBody: includeBody))
        }
        return letters
    }

    /// Moves dead letters back to `queue`: those with the given message ids, or all when `ids` is nil.
    /// Returns the ids replayed.
    public func replay(queue: String, ids: Set<String>?) throws -> [String] {
        let dlq = QueueSpec.deadLetterQueue(for: queue)
        let waiting = try connection.declareQueue(dlq, arguments: ["x-queue-type": "quorum"]).messages
        let publisher = try AMQPConnection(
            configuration: connection.configuration, name: "leadtrac dlq replay", logger: Logger(label: "leadtrac.cli"))
        defer {
            publisher.close()
            connection.close()
        }
        try publisher.enableConfirms()
        var replayed: [String] = []
        var seen = 0
        while seen < waiting, let delivery = try connection.get(queue: dlq) {
            seen += 1
            let id = delivery.properties.messageID ?? ""
            guard ids == nil || ids!.contains(id) else { continue }  // left un-acked: goes back on close
            var properties = delivery.properties
            for header in DeadLetter.Header.deathHeaders { properties.headers[header] = nil }
            properties.headers[DeadLetter.Header.replayID] = .string(EventID.random())
            properties.headers[DeadLetter.Header.replayedAt] = .string(Date().formatted(.iso8601))
            try publisher.publish([
                OutgoingMessage(exchange: "", routingKey: queue, properties: properties, body: delivery.body, mandatory: true)
            ])
            try connection.ack(delivery.deliveryTag)
            replayed.append(id)
        }
        return replayed
    }

    static func letter(_ delivery: Delivery, includeBody: Bool) -> Letter {
        let headers = delivery.properties.headers
        return Letter(
            messageID: delivery.properties.messageID,
            type: headers[CloudEvent.headerPrefix + "type"]?.stringValue ?? delivery.properties.type,
            reason: headers[DeadLetter.Header.reason]?.stringValue,
            reasonMessage: headers[DeadLetter.Header.reasonMessage]?.stringValue,
            deadLetteredAt: headers[DeadLetter.Header.deadLetteredAt]?.stringValue,
            originalRoutingKey: headers[DeadLetter.Header.originalRoutingKey]?.stringValue,
            brokerReason: headers["x-first-death-reason"]?.stringValue,
            bodyBytes: delivery.body.count,
            body: includeBody ? String(decoding: delivery.body, as: UTF8.self) : nil)
    }
}
