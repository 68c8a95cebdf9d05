import AuditCore
import Foundation
import LeadTracContracts
import LeadTracMessaging
import LeadTracRuntime
import LeadTracStorage
import Synchronization

/// Appends every audit event from `leadtrac.audit` to the chained trail, once, a batch at a time.
///
/// `handle` only decodes and gathers the batch's events; `finishBatch`, in the batch's
/// transaction, takes the trail's advisory lock (so instances append one after the other),
/// reads the chain's end, drops events already in the trail (a replay, or the repeated events
/// of services that derive ids deterministically, such as logons), chains the rest in memory
/// and writes them with one statement. Three round trips per batch instead of one per event.
/// An event that does not decode is dead-lettered as `contract.undecodable`.
final class AuditEventsHandler: MessageHandler {
    private let store: TrailStore
    private let pending = Mutex<[AuditEvent]>([])

    init(store: TrailStore) {
        self.store = store
    }

    func beginBatch() {
        pending.withLock { $0.removeAll(keepingCapacity: true) }
    }

    func handle(_ event: CloudEvent, context: HandlerContext) throws {
        guard event.type == EventType.auditRecorded else {
            throw MessageRejection(code: "contract.unknown-type", message: "the audit service takes audit.recorded.v1 only")
        }
        let audit: AuditEvent
        do {
            audit = try ContractCoding.decoder().decode(AuditEvent.self, from: Data(event.data))
        } catch {
            throw MessageRejection(code: "contract.undecodable", message: "the body is not an audit event")
        }
        pending.withLock { $0.append(audit) }
    }

    func finishBatch(database: PGConnection) throws {
        let events = pending.withLock { events in
            defer { events.removeAll(keepingCapacity: true) }
            return events
        }
        guard !events.isEmpty else { return }
        try store.append(events, on: database)
    }
}
