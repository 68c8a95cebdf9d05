import Foundation
import LeadTracMessaging

/// How LeadTrac dead-letters a message it can never handle, and the headers that say why.
///
/// The message goes to the `leadtrac.dead-letter` exchange with the source queue as routing
/// key, so it lands in `<queue>.dlq`, body and properties unchanged, plus:
/// - `x-leadtrac-reason`: a stable machine-readable code (`envelope.missing-attribute`,
///   `contract.unknown-type`, `handler.failed`, …);
/// - `x-leadtrac-reason-message`: a human sentence without personal data;
/// - `x-leadtrac-queue`, `x-leadtrac-service`, `x-leadtrac-dead-lettered-at`;
/// - `x-leadtrac-original-exchange`, `x-leadtrac-original-routing-key`.
/// Messages the broker itself dead-letters (after the delivery limit, e.g. when handling
/// crashes the process every time) carry RabbitMQ's `x-death` / `x-first-death-reason` instead.
public enum DeadLetter {
    public enum Header {
        public static let reason = "x-leadtrac-reason"
        public static let reasonMessage = "x-leadtrac-reason-message"
        public static let queue = "x-leadtrac-queue"
        public static let service = "x-leadtrac-service"
        public static let deadLetteredAt = "x-leadtrac-dead-lettered-at"
        public static let originalExchange = "x-leadtrac-original-exchange"
        public static let originalRoutingKey = "x-leadtrac-original-routing-key"
        /// Set by `leadtrac dlq replay`; makes the replayed copy a new inbox key.
        public static let replayID = "x-leadtrac-replay-id"
        public static let replayedAt = "x-leadtrac-replayed-at"

        /// Headers that describe one trip to a dead-letter queue; a replay removes them.
        public static let deathHeaders: Set<String> = [
            reason, reasonMessage, queue, service, deadLetteredAt, originalExchange, originalRoutingKey,
            "x-death", "x-first-death-exchange", "x-first-death-queue", "x-first-death-reason",
            "x-last-death-exchange", "x-last-death-queue", "x-last-death-reason", "x-delivery-count",
        ]
    }

    /// The dead-letter copy of `delivery`, taken from `queue`, for `reason`.
    public static func message(
        for delivery: Delivery, queue: String, service: String, reason: MessageRejection, at date: Date = Date()
    ) -> OutgoingMessage {
        var properties = delivery.properties
        properties.headers[Header.reason] = .string(reason.code)
        properties.headers[Header.reasonMessage] = .string(reason.message)
        properties.headers[Header.queue] = .string(queue)
        properties.headers[Header.service] = .string(service)
        properties.headers[Header.deadLetteredAt] = .string(date.formatted(.iso8601))
        properties.headers[Header.originalExchange] = .string(delivery.exchange)
        properties.headers[Header.originalRoutingKey] = .string(delivery.routingKey)
        if properties.messageID == nil { properties.messageID = Inbox.key(for: delivery) }
        properties.persistent = true
        return OutgoingMessage(
            exchange: Exchange.deadLetter, routingKey: queue, properties: properties, body: delivery.body)
    }
}

/// A message that can never be handled as it is: bad contract, unknown version, invalid data.
/// Thrown by a handler (or raised by the spine for a bad envelope), it sends the message to its
/// dead-letter queue at once, with `code` as the machine-readable reason.
public struct MessageRejection: Error, Sendable, Hashable, CustomStringConvertible {
    public let code: String
    public let message: String

    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code): \(message)" }
}
