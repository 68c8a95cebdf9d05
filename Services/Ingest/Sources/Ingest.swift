import LeadTracMessaging
import LeadTracRuntime

/// The ingest service: every way a lead comes in, validated, normalised, with provenance.
///
/// Consumes `ingest.inbound` (bound to `leadtrac.inbound` with `#`): each upstream lead contract
/// (`InboundLeadType`) is normalised into a `CanonicalLead`, stored once per source record, and
/// announced as `lead.received.v1`; a record that cannot be accepted is stored as a rejection
/// with every problem and dead-lettered with its reason. Case-management notices
/// (`case.closed.*`) are consumed by the workflow service directly, not by ingest.
public enum Ingest {
    public static let name = "ingest"
    public static let schema = "ingest"
    /// On a corrected record sent by `leadtrac ingest rejections resubmit`: the rejection it replaces.
    public static let resubmitsHeader = "x-leadtrac-resubmits"

    /// Queues this service consumes.
    public static let queues: [QueueSpec] = [inboundQueue(name: "ingest.inbound")]

    static func inboundQueue(name: String) -> QueueSpec {
        QueueSpec(name: name, bindings: [.init(exchange: Exchange.inbound, routingKey: "#")])
    }

    public static func descriptor() -> ServiceDescriptor {
        descriptor(schema: schema, queue: queues[0])
    }

    /// The service on another schema and queue (tests run it in a fresh schema).
    public static func descriptor(schema: String, queue: QueueSpec) -> ServiceDescriptor {
        ServiceDescriptor(
            name: name, schema: schema, defaultHTTPPort: 8081, migrations: IngestSchema.migrations,
            topology: Topology(queues: [queue]),
            consumers: [.init(queue: queue, handler: LeadIntakeHandler(
                        intake: LeadIntake(store: LeadStore(schema: schema)),
                        travelUpdates: TravelUpdateIntake(schema: schema)))],
            routes: { api in IngestRoutes.routes(api) })
    }
}
