import AuditCore
import Foundation
import LeadTracContracts
import LeadTracMessaging
import LeadTracRuntime
import Synchronization

/// Appends every audit event from `leadtrac.audit` to the chained trail, once.
///
/// The chain's end is kept in memory between messages (so an append is one statement) and
/// checked by the append itself; a stale end is reloaded. The consumer's inbox drops
/// redeliveries; the trail's unique event id drops replays and the repeated events of services
/// that derive ids deterministically (logons). An event that does not decode is dead-lettered
/// as `contract.undecodable`.
final class AuditEventsHandler: MessageHandler {
    private let store: TrailStore
    private let chain = Mutex<HashChain?>(nil)

    init(store: TrailStore) {
        self.store = store
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
        for attempt in 0..<2 {
            var current = try chain.withLock { $0 } ?? store.chainHead(on: context.database)
            let record = current.append(audit)
            switch try store.append(record, on: context.database) {
            case .appended:
                chain.withLock { $0 = current }
                return
            case .duplicate:
                return
            case .staleHead:
                chain.withLock { $0 = nil }
                if attempt == 1 { throw TrailError.headMoving }
            }
        }
    }

    enum TrailError: Error {
        /// The head moved twice under this append: retried by the spine as a failed delivery.
        case headMoving
    }
}
