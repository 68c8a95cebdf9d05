import Foundation
import LeadTracMessaging
import LeadTracRuntime
import LeadTracStorage
import Synchronization

/// A minimal service for testing and measuring the spine: for each `probe.work.v1` message it
/// inserts one effect row and emits one `probe.done.v1` event.
///
/// The effect table deliberately has no unique constraint on the message id: a duplicate
/// effect would show up as a second row, which is what the failure tests look for.
public enum Probe {
    public static let workType = "probe.work.v1"
    public static let doneType = "probe.done.v1"

    public static func migrations() -> [Migration] {
        [
            Migration(
                version: 10, name: "probe effects",
                sql: """
                    CREATE TABLE probe_effects (
                        id bigserial PRIMARY KEY,
                        message_id text NOT NULL,
                        payload text NOT NULL,
                        created_at timestamptz NOT NULL DEFAULT now()
                    );
                    """)
        ]
    }

    /// The routing key of the done events of the probe writing to `schema`.
    public static func doneRoutingKey(schema: String) -> String { "probe.done.\(schema)" }

    /// - Parameter instances: competing consumer loops on the queue in the one process.
    public static func descriptor(
        schema: String, queue: String, deliveryLimit: Int = 5, handler: Handler = Handler(), instances: Int = 1
    ) -> ServiceDescriptor {
        let spec = QueueSpec(
            name: queue, bindings: [.init(exchange: Exchange.inbound, routingKey: "probe.\(schema)")],
            deliveryLimit: deliveryLimit)
        return ServiceDescriptor(
            name: "probe", schema: schema, defaultHTTPPort: 0, migrations: migrations(),
            topology: Topology(queues: [spec]), consumers: [.init(queue: spec, handler: handler, instances: instances)])
    }

    /// The probe's handler. A payload of `poison` fails while `poisonEnabled` is true;
    /// a payload of `reject` is rejected as invalid.
    public final class Handler: MessageHandler {
        public let poisonEnabled = Atomic<Bool>(true)

        public init() {}

        public func handle(_ event: CloudEvent, context: HandlerContext) throws {
            let payload = String(decoding: event.data, as: UTF8.self)
            if payload == "poison" && poisonEnabled.load(ordering: .relaxed) { throw ProbeFailure() }
            if payload == "reject" { throw MessageRejection(code: "probe.invalid", message: "the probe rejects this payload") }
            try context.database.execute(
                "INSERT INTO \(quoteIdentifier(context.schema)).probe_effects (message_id, payload) VALUES ($1, $2)",
                [PGValue(event.id), PGValue(payload)])
            context.emit(
                type: Probe.doneType, data: event.data, routingKey: Probe.doneRoutingKey(schema: context.schema),
                causedBy: event)
        }
    }

    struct ProbeFailure: Error, CustomStringConvertible {
        var description: String { "the probe was told to fail" }
    }

    /// `count` work messages for the probe behind `schema`, with ids `<prefix>-<n>`.
    public static func workMessages(schema: String, count: Int, prefix: String = "work", payload: (Int) -> String = { "p\($0)" })
        -> [OutgoingMessage]
    {
        (0..<count).map { index in
            CloudEvent(
                id: "\(prefix)-\(index)", source: "leadtrac/test", type: workType, data: Array(payload(index).utf8)
            ).message(exchange: Exchange.inbound, routingKey: "probe.\(schema)")
        }
    }
}
