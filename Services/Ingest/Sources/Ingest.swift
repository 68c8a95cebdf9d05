import LeadTracMessaging
import LeadTracRuntime

/// The ingest service. Until its own issue lands it runs the spine only: it connects, declares
/// its topology, applies the spine's migrations, relays its outbox, serves health and
/// metrics, and shuts down cleanly. Its queues fill and wait for it.
public enum Ingest {
    public static let name = "ingest"
    public static let schema = "ingest"

    /// Queues this service consumes.
    public static let queues: [QueueSpec] = [
        QueueSpec(name: "ingest.inbound", bindings: [.init(exchange: Exchange.inbound, routingKey: "#")]),
    ]

    public static func descriptor() -> ServiceDescriptor {
        ServiceDescriptor(name: name, schema: schema, defaultHTTPPort: 8081, topology: Topology(queues: queues))
    }
}
