import Hummingbird
import LeadTracMessaging
import LeadTracStorage

/// Everything that makes one LeadTrac service what it is; `ServiceRunner` does the rest.
public struct ServiceDescriptor: Sendable {
    /// A queue the service consumes and the handler for its messages.
    public struct Consumer: Sendable {
        public var queue: QueueSpec
        /// Makes the handler of one consumer loop; called once per loop.
        public var makeHandler: @Sendable () -> any MessageHandler
        /// Competing consumer loops on the queue in this process, each with its own connections
        /// and its own handler from ``makeHandler``.
        public var instances: Int

        /// Every loop shares `handler`, which must then be safe to call from several threads at
        /// once and keep no state of one batch.
        public init(queue: QueueSpec, handler: any MessageHandler, instances: Int = 1) {
            self.init(queue: queue, instances: instances, makeHandler: { handler })
        }

        /// Each loop gets a handler of its own: for a handler that gathers a batch's work between
        /// ``MessageHandler/beginBatch()`` and ``MessageHandler/finishBatch(database:)`` (it
        /// shares what the loops have in common by holding the same references).
        public init(queue: QueueSpec, instances: Int = 1, makeHandler: @escaping @Sendable () -> any MessageHandler) {
            precondition(instances >= 1, "a consumer runs at least one loop")
            self.queue = queue
            self.makeHandler = makeHandler
            self.instances = instances
        }
    }

    /// The executable's name (`ingest`, `provider-gateway`, …); also the AMQP `app_id` and event source.
    public var name: String
    /// The service's own PostgreSQL schema (and role `leadtrac_<schema>`).
    public var schema: String
    public var defaultHTTPPort: Int
    /// The service's migrations; versions start at 10 (1–9 belong to the spine).
    public var migrations: [Migration]
    /// Queues the service declares (including those it consumes).
    public var topology: Topology
    public var consumers: [Consumer]
    /// Work the service does on a schedule, each on a thread of its own.
    public var jobs: [PeriodicJob]
    /// `LEADTRAC_BATCH_SIZE` when unset: messages per transaction.
    public var defaultBatchSize = 100
    /// The service's API route table (next to health and metrics), or nil when it serves no people.
    public var routes: (@Sendable (APIEnvironment) -> [Route])?

    /// A service with `routes` also keeps the account registry's copy current: it consumes
    /// `<name>.accounts` (`AccountChangesHandler`), so archived accounts are refused.
    public init(
        name: String, schema: String, defaultHTTPPort: Int, migrations: [Migration] = [], topology: Topology = Topology(),
        consumers: [Consumer] = [], jobs: [PeriodicJob] = [], routes: (@Sendable (APIEnvironment) -> [Route])? = nil
    ) {
        precondition(migrations.allSatisfy { $0.version >= 10 }, "service migrations start at version 10")
        self.name = name
        self.schema = schema
        self.defaultHTTPPort = defaultHTTPPort
        self.migrations = migrations
        self.topology = topology
        self.consumers = consumers
        self.jobs = jobs
        self.routes = routes
        if routes != nil {
            let accounts = AccountChangesHandler.queue(service: name)
            self.topology.queues.append(accounts)
            self.consumers.append(Consumer(queue: accounts, handler: AccountChangesHandler(schema: schema)))
        }
    }
}
