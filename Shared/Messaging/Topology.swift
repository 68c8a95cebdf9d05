/// The exchanges every LeadTrac service shares (docs/messaging.md).
public enum Exchange {
    /// What upstream systems publish (topic).
    public static let inbound = "leadtrac.inbound"
    /// Domain events between services (topic).
    public static let events = "leadtrac.events"
    /// What downstream systems consume (topic).
    public static let outbound = "leadtrac.outbound"
    /// Audit events (topic).
    public static let audit = "leadtrac.audit"
    /// Where queues dead-letter to (direct; the routing key is the source queue's name).
    public static let deadLetter = "leadtrac.dead-letter"

    static let topics = [inbound, events, outbound, audit]
}

/// A consuming queue: durable, quorum, with a delivery limit and at-least-once dead-lettering
/// to its own `<name>.dlq`, so a poison message leaves the queue without blocking it and a
/// dead letter is never itself lost.
public struct QueueSpec: Sendable, Hashable {
    public struct Binding: Sendable, Hashable {
        public var exchange: String
        public var routingKey: String
        public init(exchange: String, routingKey: String) {
            self.exchange = exchange
            self.routingKey = routingKey
        }
    }

    public var name: String
    public var bindings: [Binding]
    /// Deliveries after which the broker dead-letters a message (`x-delivery-limit`).
    public var deliveryLimit: Int

    public init(name: String, bindings: [Binding], deliveryLimit: Int = 5) {
        self.name = name
        self.bindings = bindings
        self.deliveryLimit = deliveryLimit
    }

    public var deadLetterQueue: String { Self.deadLetterQueue(for: name) }

    public static func deadLetterQueue(for queue: String) -> String { queue + ".dlq" }

    /// The queue that a dead-letter queue belongs to, or nil when `name` is not one.
    public static func sourceQueue(ofDeadLetterQueue name: String) -> String? {
        name.hasSuffix(".dlq") ? String(name.dropLast(4)) : nil
    }

    public var arguments: [String: FieldValue] {
        [
            "x-queue-type": "quorum",
            "x-delivery-limit": .int(Int64(deliveryLimit)),
            "x-dead-letter-exchange": .string(Exchange.deadLetter),
            "x-dead-letter-routing-key": .string(name),
            "x-dead-letter-strategy": "at-least-once",
            // at-least-once dead-lettering requires reject-publish overflow.
            "x-overflow": "reject-publish",
        ]
    }
}

/// What a service declares at start. Declarations are idempotent, so every instance of every
/// service declares the whole of what it uses; deploy/rabbitmq/definitions.json holds the same.
public struct Topology: Sendable, Hashable {
    public var queues: [QueueSpec]

    public init(queues: [QueueSpec] = []) { self.queues = queues }

    public func declare(on connection: AMQPConnection) throws(MessagingError) {
        for exchange in Exchange.topics { try connection.declareExchange(exchange, type: "topic") }
        try connection.declareExchange(Exchange.deadLetter, type: "direct")
        for queue in queues {
            try connection.declareQueue(queue.deadLetterQueue, arguments: ["x-queue-type": "quorum"])
            try connection.bindQueue(queue.deadLetterQueue, exchange: Exchange.deadLetter, routingKey: queue.name)
            try connection.declareQueue(queue.name, arguments: queue.arguments)
            for binding in queue.bindings {
                try connection.bindQueue(queue.name, exchange: binding.exchange, routingKey: binding.routingKey)
            }
        }
    }
}
