import Foundation
import LeadTracContracts
import LeadTracMessaging
import LeadTracStorage
import Synchronization

/// Writes audit events into the service's outbox, in the caller's transaction.
///
/// The relay publishes them to `leadtrac.audit` (routing key `audit.<service>.<action>`), where
/// the audit service chains them. Written in the same transaction as the read or change they
/// describe, an event is durable before the answer leaves: if the write fails, so does the request.
public struct AuditTrail: Sendable {
    public let service: String
    private let outbox: Outbox

    public init(service: String, schema: String) {
        self.service = service
        outbox = Outbox(schema: schema)
    }

    /// Adds `event` to the outbox and, when given, marks the request's receipt.
    public func record(_ event: AuditEvent, on connection: PGConnection, receipt: AuditReceipt? = nil) throws {
        try outbox.enqueue([message(for: event)], on: connection)
        receipt?.markRecorded()
    }

    /// The event as the outgoing CloudEvent (id = audit event id, so a retried write is one event).
    public func message(for event: AuditEvent) throws -> OutgoingMessage {
        let data = try ContractCoding.encoder().encode(event)
        let cloudEvent = CloudEvent(
            id: event.id, source: "leadtrac/\(service)", type: EventType.auditRecorded, time: event.time,
            subject: nil, correlationID: event.requestID, causationID: nil, data: Array(data))
        return cloudEvent.message(exchange: Exchange.audit, routingKey: "audit.\(service).\(event.action)", appID: service)
    }
}

/// Whether the current request has written its audit event: a route that shows personal data
/// and answers without one is refused (fail closed), so a forgotten audit call is a bug that
/// cannot ship quietly.
public final class AuditReceipt: Sendable {
    private let recorded = Synchronization.Atomic<Bool>(false)

    public init() {}

    public func markRecorded() { recorded.store(true, ordering: .relaxed) }
    public var isRecorded: Bool { recorded.load(ordering: .relaxed) }
}
