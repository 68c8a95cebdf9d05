import LeadTracMessaging
import LeadTracRuntime

/// The matcher service. Until its own issue lands it runs the spine only: it connects, declares
/// its topology, applies the spine's migrations, relays its outbox, serves health and
/// metrics, and shuts down cleanly. Its queues fill and wait for it.
public enum Matcher {
    public static let name = "matcher"
    public static let schema = "matcher"

    /// Queues this service consumes.
    public static let queues: [QueueSpec] = [
        QueueSpec(name: "matcher.leads", bindings: [.init(exchange: Exchange.events, routingKey: "lead.received.*")]),
    ]

    public static func descriptor() -> ServiceDescriptor {
        ServiceDescriptor(name: name, schema: schema, defaultHTTPPort: 8082, topology: Topology(queues: queues))
    }
}
