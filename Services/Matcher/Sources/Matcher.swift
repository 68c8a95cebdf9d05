import LeadTracMessaging
import LeadTracRuntime

/// The matcher service: resolves every lead to a unique, stable subject, conservatively.
///
/// Consumes `matcher.leads` (bound to `leadtrac.events` with `lead.received.*`): each lead is
/// compared with the subjects sharing a blocking key (MatcherCore), then attached to one
/// (auto-link), given a new subject, or given a new subject plus a review item when unclear;
/// every lead yields `lead.matched.v1`, subjects `subject.created.v1` / `subject.updated.v1`.
/// Serves search, subject detail, the review queue, merge and split (``MatcherRoutes``).
/// See ``LeadMatchingHandler`` and docs/architecture.md ("Matcher").
public enum Matcher {
    public static let name = "matcher"
    public static let schema = "matcher"
    /// `LEADTRAC_BATCH_SIZE` when unset. Small, because a batch holds its leads' advisory locks
    /// until it commits, so competing consumers (and replicas) wait on each other less; but
    /// large enough to share the batch's fixed statements: 20 measured best at 200k and 10M
    /// subjects, against 10 and 40 (docs/performance.md, "Eighth session").
    public static let defaultBatchSize = 20

    /// Queues this service consumes.
    public static let queues: [QueueSpec] = [
        QueueSpec(name: "matcher.leads", bindings: [.init(exchange: Exchange.events, routingKey: "lead.received.*")]),
    ]

    public static func descriptor(configuration: MatcherConfiguration = .default) -> ServiceDescriptor {
        descriptor(schema: schema, queue: queues[0], configuration: configuration)
    }

    /// The service on another schema and queue (tests run it in a fresh schema); `blockingIndex`
    /// is the process's in-memory index (passed in by benchmarks that wait for it to load).
    public static func descriptor(
        schema: String, queue: QueueSpec, configuration: MatcherConfiguration = .default,
        blockingIndex: BlockingIndex = BlockingIndex()
    ) -> ServiceDescriptor {
        // Shared by the consumer loops. The index's warm-up is registered here, before anything
        // can load it (a benchmark loads it before the loops start): once the keys are in
        // memory, the counts of common names are remembered too, so that a replica starting
        // against a large store does not count each of them on first sight.
        let store = SubjectStore(schema: schema)
        let memory = MatcherMemory()
        blockingIndex.afterLoading { db in try store.rememberCommonNames(in: memory, on: db) }
        var descriptor = ServiceDescriptor(
            name: name, schema: schema, defaultHTTPPort: 8082, migrations: MatcherSchema.migrations,
            topology: Topology(queues: [queue]),
            consumers: [
                .init(queue: queue, instances: configuration.consumers) {
                    LeadMatchingHandler(store: store, configuration: configuration, index: blockingIndex, memory: memory)
                }
            ],
            routes: { api in MatcherRoutes.routes(api, configuration: configuration) })
        descriptor.defaultBatchSize = defaultBatchSize
        return descriptor
    }
}
