import LeadTracMessaging
import LeadTracRuntime

/// The provider-gateway service. Until its own issue lands it runs the spine only: it connects, declares
/// its topology, applies the spine's migrations, relays its outbox, serves health and
/// metrics, and shuts down cleanly. Its queues fill and wait for it.
public enum ProviderGateway {
    public static let name = "provider-gateway"
    public static let schema = "provider_gateway"

    /// Queues this service consumes.
    public static let queues: [QueueSpec] = [
        QueueSpec(
            name: "provider-gateway.requests",
            bindings: [.init(exchange: Exchange.events, routingKey: "enrichment.requested.*")]),
    ]

    public static func descriptor() -> ServiceDescriptor {
        ServiceDescriptor(name: name, schema: schema, defaultHTTPPort: 8085, topology: Topology(queues: queues))
    }
}
