import LeadTracMessaging
import LeadTracRuntime
import LeadTracStorage

/// The prioritizer service: scores every lead with configurable, versioned rules that explain
/// themselves (PrioritizerCore), and announces priorities as `lead.prioritized.v1`.
///
/// Consumes `prioritizer.leads` (bound to `leadtrac.events` with `lead.matched.*`,
/// `subject.merged.*` and `subject.split.*`): see ``LeadScoringHandler``. Rule sets live in the
/// database (`rule_sets`; the default file is the first active version), are validated, compared
/// and activated with `leadtrac rules validate|diff|activate` or the supervisors' API
/// (``RuleSetRoutes``). See docs/architecture.md ("Prioritizer").
public enum Prioritizer {
    public static let name = "prioritizer"
    public static let schema = "prioritizer"

    /// Queues this service consumes.
    public static let queues: [QueueSpec] = [
        QueueSpec(
            name: "prioritizer.leads",
            bindings: [
                .init(exchange: Exchange.events, routingKey: "lead.matched.*"),
                .init(exchange: Exchange.events, routingKey: "subject.merged.*"),
                .init(exchange: Exchange.events, routingKey: "subject.split.*"),
                .init(exchange: Exchange.events, routingKey: "lead.state-changed.*"),
                .init(exchange: Exchange.events, routingKey: "arrival-departure.received.*"),
                .init(exchange: Exchange.events, routingKey: "enrichment.completed.*"),
            ])
    ]

    public static func descriptor() -> ServiceDescriptor {
        descriptor(schema: schema, queue: queues[0])
    }

    /// The service on another schema and queue (tests and benchmarks run it in a fresh schema).
    public static func descriptor(schema: String, queue: QueueSpec) -> ServiceDescriptor {
        ServiceDescriptor(
            name: name, schema: schema, defaultHTTPPort: 8083, migrations: PrioritizerSchema.migrations,
            topology: Topology(queues: [queue]),
            consumers: [
                .init(queue: queue, handler: LeadScoringHandler(rules: RuleSetStore(schema: schema), store: ScoreStore(schema: schema)))
            ],
            routes: { api in RuleSetRoutes.routes(api) })
    }

    /// The service's migrations (for tools that prepare a schema without running the service).
    public static var migrations: [Migration] { PrioritizerSchema.migrations }
}
