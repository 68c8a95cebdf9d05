import LeadTracMessaging
import LeadTracRuntime

/// The workflow service. Until its own issue lands it runs the spine only: it connects, declares
/// its topology, applies the spine's migrations, relays its outbox, serves health and
/// metrics, and shuts down cleanly. Its queues fill and wait for it.
public enum Workflow {
    public static let name = "workflow"
    public static let schema = "workflow"

    /// Queues this service consumes.
    public static let queues: [QueueSpec] = [
        QueueSpec(name: "workflow.leads", bindings: [.init(exchange: Exchange.events, routingKey: "lead.prioritized.*")]),
        QueueSpec(name: "workflow.case-management", bindings: [.init(exchange: Exchange.inbound, routingKey: "case.closed.*")]),
    ]

    public static func descriptor() -> ServiceDescriptor {
        ServiceDescriptor(name: name, schema: schema, defaultHTTPPort: 8084, topology: Topology(queues: queues))
    }
}
