import Foundation
import LeadTracMessaging
import Logging

/// Short blocking helpers for tests: publish, count, drain. Each opens its own connection.
public enum BrokerTool {
    static let logger = Logger(label: "leadtrac.test")

    public static func withConnection<T>(_ body: (AMQPConnection) throws -> T) throws -> T {
        let connection = try AMQPConnection(configuration: try TestServers.broker(), name: "test", logger: logger)
        defer { connection.close() }
        return try body(connection)
    }

    /// Publishes with confirms, retrying the whole batch while the broker is away (tests restart it).
    public static func publish(_ messages: [OutgoingMessage]) throws {
        try withConnection { connection in
            try connection.enableConfirms()
            for slice in stride(from: 0, to: messages.count, by: 1000) {
                try connection.publish(Array(messages[slice..<min(slice + 1000, messages.count)]))
            }
        }
    }

    /// Declares a durable quorum queue bound to `exchange` with `routingKey`, to observe events.
    public static func declareObserver(_ queue: String, exchange: String, routingKey: String) throws {
        try withConnection { connection in
            try Topology().declare(on: connection)
            try connection.declareQueue(queue, arguments: ["x-queue-type": "quorum"])
            try connection.bindQueue(queue, exchange: exchange, routingKey: routingKey)
        }
    }

    /// Ready messages in a queue.
    public static func messageCount(_ queue: String) throws -> Int {
        try withConnection { try $0.declareQueue(queue, passive: true).messages }
    }

    /// Consumers attached to a queue.
    public static func consumerCount(_ queue: String) throws -> Int {
        try withConnection { try $0.declareQueue(queue, passive: true).consumers }
    }

    /// Takes every message off `queue` (acknowledging it) and returns them.
    public static func drain(_ queue: String) throws -> [Delivery] {
        try withConnection { connection in
            var all: [Delivery] = []
            while let delivery = try connection.get(queue: queue) {
                all.append(delivery)
                try connection.ack(delivery.deliveryTag)
            }
            return all
        }
    }

    public static func deleteQueues(_ queues: [String]) {
        _ = try? withConnection { connection in
            for queue in queues { try? connection.deleteQueue(queue) }
        }
    }
}
