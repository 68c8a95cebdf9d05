import Foundation

/// A CloudEvents 1.0 event in the AMQP binding's *binary* mode.
///
/// Context attributes travel as AMQP headers with the `cloudEvents:` prefix
/// (`cloudEvents:id`, `cloudEvents:source`, `cloudEvents:type`, `cloudEvents:specversion`,
/// `cloudEvents:time`, `cloudEvents:subject`, plus the extensions `cloudEvents:correlationid`
/// and `cloudEvents:causationid`); `content-type` is the data's media type and the body is the
/// event data. The AMQP `message_id` equals the event id so that the broker, the logs and the
/// consumers' inboxes all speak of one id. See docs/messaging.md.
public struct CloudEvent: Sendable, Hashable {
    public static let headerPrefix = "cloudEvents:"
    public static let specVersion = "1.0"

    public var id: String
    public var source: String
    public var type: String
    public var time: Date
    public var subject: String?
    public var dataContentType: String
    /// The id of the request or message that started the chain this event belongs to.
    public var correlationID: String?
    /// The id of the message whose handling produced this event.
    public var causationID: String?
    public var data: [UInt8]

    public init(
        id: String, source: String, type: String, time: Date = Date(), subject: String? = nil,
        dataContentType: String = "application/json", correlationID: String? = nil, causationID: String? = nil,
        data: [UInt8]
    ) {
        self.id = id
        self.source = source
        self.type = type
        self.time = time
        self.subject = subject
        self.dataContentType = dataContentType
        self.correlationID = correlationID
        self.causationID = causationID
        self.data = data
    }

    /// The message to publish for this event on `exchange` with `routingKey`.
    public func message(exchange: String, routingKey: String, appID: String? = nil) -> OutgoingMessage {
        let p = Self.headerPrefix
        var headers: [String: FieldValue] = [
            p + "id": .string(id), p + "source": .string(source), p + "type": .string(type),
            p + "specversion": .string(Self.specVersion), p + "time": .string(Self.formatTime(time)),
        ]
        if let subject { headers[p + "subject"] = .string(subject) }
        if let correlationID { headers[p + "correlationid"] = .string(correlationID) }
        if let causationID { headers[p + "causationid"] = .string(causationID) }
        let properties = MessageProperties(
            contentType: dataContentType, messageID: id, correlationID: correlationID, type: type, appID: appID,
            timestamp: UInt64(max(0, time.timeIntervalSince1970)), headers: headers)
        return OutgoingMessage(exchange: exchange, routingKey: routingKey, properties: properties, body: data)
    }

    /// Reads the event out of a delivery; the error names the first attribute that is missing or wrong.
    public init(delivery: Delivery) throws(EnvelopeError) {
        let headers = delivery.properties.headers
        let p = Self.headerPrefix
        func attribute(_ name: String) -> String? { headers[p + name]?.stringValue }
        guard let specVersion = attribute("specversion") else { throw .missingAttribute("specversion") }
        guard specVersion == Self.specVersion else { throw .unsupportedSpecVersion(specVersion) }
        guard let id = attribute("id") ?? delivery.properties.messageID, !id.isEmpty else {
            throw .missingAttribute("id")
        }
        guard let source = attribute("source"), !source.isEmpty else { throw .missingAttribute("source") }
        guard let type = attribute("type"), !type.isEmpty else { throw .missingAttribute("type") }
        var time = Date()
        if let text = attribute("time") {
            guard let parsed = Self.parseTime(text) else { throw .invalidAttribute("time") }
            time = parsed
        }
        self.init(
            id: id, source: source, type: type, time: time, subject: attribute("subject"),
            dataContentType: delivery.properties.contentType ?? "application/json",
            correlationID: attribute("correlationid") ?? delivery.properties.correlationID,
            causationID: attribute("causationid"), data: delivery.body)
    }

    static func formatTime(_ date: Date) -> String {
        date.formatted(.iso8601.year().month().day().dateSeparator(.dash).time(includingFractionalSeconds: true)
            .timeSeparator(.colon).timeZone(separator: .omitted))
    }

    static func parseTime(_ text: String) -> Date? {
        if let date = try? Date(text, strategy: .iso8601.year().month().day().time(includingFractionalSeconds: true)) {
            return date
        }
        return try? Date(text, strategy: .iso8601)
    }
}

/// Why a delivery is not a valid CloudEvent. `code` is the machine-readable reason put on the
/// dead letter (`x-leadtrac-reason`).
public struct EnvelopeError: Error, Sendable, Hashable, CustomStringConvertible {
    public let code: String
    public let message: String

    public static func missingAttribute(_ name: String) -> Self {
        .init(code: "envelope.missing-attribute", message: "the CloudEvents attribute \(name) is missing")
    }
    public static func invalidAttribute(_ name: String) -> Self {
        .init(code: "envelope.invalid-attribute", message: "the CloudEvents attribute \(name) is not valid")
    }
    public static func unsupportedSpecVersion(_ version: String) -> Self {
        .init(code: "envelope.unsupported-specversion", message: "CloudEvents spec version \(version) is not 1.0")
    }

    public var description: String { "\(code): \(message)" }
}
