/// The AMQP basic properties LeadTrac uses, in Swift terms.
public struct MessageProperties: Sendable, Hashable {
    public var contentType: String?
    public var messageID: String?
    public var correlationID: String?
    public var type: String?
    public var appID: String?
    /// Seconds since 1970, as AMQP carries it.
    public var timestamp: UInt64?
    public var headers: [String: FieldValue]
    /// Persistent (delivery mode 2) unless said otherwise: a durable queue keeps it across restarts.
    public var persistent: Bool

    public init(
        contentType: String? = nil, messageID: String? = nil, correlationID: String? = nil, type: String? = nil,
        appID: String? = nil, timestamp: UInt64? = nil, headers: [String: FieldValue] = [:], persistent: Bool = true
    ) {
        self.contentType = contentType
        self.messageID = messageID
        self.correlationID = correlationID
        self.type = type
        self.appID = appID
        self.timestamp = timestamp
        self.headers = headers
        self.persistent = persistent
    }
}

/// A message as the broker delivered it to a consumer (or to `basic.get`).
public struct Delivery: Sendable, Hashable {
    public var deliveryTag: UInt64
    public var redelivered: Bool
    public var exchange: String
    public var routingKey: String
    public var properties: MessageProperties
    public var body: [UInt8]

    public init(
        deliveryTag: UInt64, redelivered: Bool, exchange: String, routingKey: String, properties: MessageProperties,
        body: [UInt8]
    ) {
        self.deliveryTag = deliveryTag
        self.redelivered = redelivered
        self.exchange = exchange
        self.routingKey = routingKey
        self.properties = properties
        self.body = body
    }

    /// How many times a quorum queue has delivered this message before (its `x-delivery-count`).
    public var previousDeliveries: Int { Int(properties.headers["x-delivery-count"]?.intValue ?? 0) }
}

/// A message to publish.
public struct OutgoingMessage: Sendable, Hashable {
    public var exchange: String
    public var routingKey: String
    public var properties: MessageProperties
    public var body: [UInt8]
    /// Ask the broker to return the message if no queue takes it (used where a loss must be noticed,
    /// e.g. a dead-letter replay addressed to one queue).
    public var mandatory: Bool

    public init(
        exchange: String, routingKey: String, properties: MessageProperties, body: [UInt8], mandatory: Bool = false
    ) {
        self.exchange = exchange
        self.routingKey = routingKey
        self.properties = properties
        self.body = body
        self.mandatory = mandatory
    }
}
