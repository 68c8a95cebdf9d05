import AuditCore
import Foundation
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
        descriptor(schema: schema, queue: queues[0])
    }

    /// The service on another schema and queue (tests run it in a fresh schema).
    public static func descriptor(schema: String, queue: QueueSpec) -> ServiceDescriptor {
        let checkpointer = Checkpointer(schema: schema, signer: signer)
        var descriptor = ServiceDescriptor(
            name: name, schema: schema, defaultHTTPPort: 8086, migrations: AuditSchema.migrations,
            topology: Topology(queues: [queue]),
            // A handler per loop: each gathers its own batch of events.
            consumers: [.init(queue: queue) { AuditEventsHandler(store: TrailStore(schema: schema)) }],
            jobs: [
                PeriodicJob(name: "checkpoint", intervalSetting: "LEADTRAC_AUDIT_CHECKPOINT_SECONDS", defaultInterval: 60) {
                    db, logger in try checkpointer.run(on: db, logger: logger)
                }
            ],
            routes: { api in AccountRoutes.routes(api) + AuditorRoutes.routes(api) })
        // Appends are per batch (three round trips each): larger batches keep the trail well
        // ahead of the pipeline (docs/performance.md, "Audit").
        descriptor.defaultBatchSize = 500
        return descriptor
    }

    /// The checkpoint signer from the environment; a bad key setting stops the service at start.
    static let signer: CheckpointSigner = {
        do {
            return try CheckpointKeys.signer().signer
        } catch {
            FileHandle.standardError.write(Data("audit: \(error)\n".utf8))
            exit(78)
        }
    }()
}
