import LeadTracMessaging
import LeadTracRuntime

/// The prioritizer service. Until its own issue lands it runs the spine only: it connects, declares
/// its topology, applies the spine's migrations, relays its outbox, serves health and
/// metrics, and shuts down cleanly. Its queues fill and wait for it.
public enum Prioritizer {
    public static let name = "prioritizer"
    public static let schema = "prioritizer"

    /// Queues this service consumes.
    public static let queues: [QueueSpec] = [
        QueueSpec(name: "prioritizer.leads", bindings: [.init(exchange: Exchange.events, routingKey: "lead.matched.*")]),
    ]

    public static func descriptor() -> ServiceDescriptor {
        ServiceDescriptor(name: name, schema: schema, defaultHTTPPort: 8083, topology: Topology(queues: queues))
    }
}
