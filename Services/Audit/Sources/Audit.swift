import LeadTracMessaging
import LeadTracRuntime

/// The audit service: the complete, tamper-evident trail, the auditor API and the account
/// registry.
///
/// Consumes `audit.events` (bound to `leadtrac.audit` with `#`): every service's audit events,
/// appended to a hash chain with signed Merkle checkpoints (docs/architecture.md, "Audit").
/// Serves auditors (trail queries, accounting of disclosures, verification) and supervisors
/// (accounts and roles, announced as `account.changed.v1`).
public enum Audit {
    public static let name = "audit"
    public static let schema = "audit"

    /// Queues this service consumes.
    public static let queues: [QueueSpec] = [
        QueueSpec(name: "audit.events", bindings: [.init(exchange: Exchange.audit, routingKey: "#")]),
    ]

    public static func descriptor() -> ServiceDescriptor {
        ServiceDescriptor(
            name: name, schema: schema, defaultHTTPPort: 8086, migrations: AuditSchema.migrations,
            topology: Topology(queues: queues),
            routes: { api in AccountRoutes.routes(api) })
    }
}
