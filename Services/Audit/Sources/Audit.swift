import LeadTracMessaging
import LeadTracRuntime

/// The audit service. Until its own issue lands it runs the spine only: it connects, declares
/// its topology, applies the spine's migrations, relays its outbox, serves health and
/// metrics, and shuts down cleanly. Its queues fill and wait for it.
public enum Audit {
    public static let name = "audit"
    public static let schema = "audit"

    /// Queues this service consumes.
    public static let queues: [QueueSpec] = [
        QueueSpec(name: "audit.events", bindings: [.init(exchange: Exchange.audit, routingKey: "#")]),
    ]

    public static func descriptor() -> ServiceDescriptor {
        ServiceDescriptor(name: name, schema: schema, defaultHTTPPort: 8086, topology: Topology(queues: queues))
    }
}
