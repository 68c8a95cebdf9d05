import AuditCore
import Foundation
import LeadTracContracts
import LeadTracStorage

/// The append-only `events` table and its chain head.
///
/// Appending is one statement per event: it moves `chain_head` from the position and hash the
/// caller extended, and inserts the row, only if the head is still where the caller saw it and
/// the event id is new. When another instance appended meanwhile (or this transaction's earlier
/// work was rolled back) the head has moved: the caller reloads it and extends again.
struct TrailStore: Sendable {
    enum AppendResult {
        case appended
        /// The event id is already in the trail (a replayed message): nothing changes.
        case duplicate
        /// The head is not where the caller thought: reload and retry.
        case staleHead
    }

    let schema: String
    private var events: String { "\(quoteIdentifier(schema)).events" }
    private var head: String { "\(quoteIdentifier(schema)).chain_head" }

    func chainHead(on connection: PGConnection) throws -> HashChain {
        let row = try connection.execute("SELECT position, hash FROM \(head)").rows[0]
        let hash = Digest32(bytes: try row.decode([UInt8].self, at: 1)) ?? .zero
        return HashChain(lastPosition: try row.decode(Int64.self, at: 0), lastHash: hash)
    }

    func append(_ record: AuditRecord, on connection: PGConnection) throws -> AppendResult {
        let event = record.event
        let result = try connection.execute(
            """
            WITH moved AS (
                UPDATE \(head) SET position = $1, hash = $2
                WHERE position = $1 - 1 AND hash = $3
                  AND NOT EXISTS (SELECT 1 FROM \(events) WHERE event_id = $4)
                RETURNING 1)
            INSERT INTO \(events) (position, event_id, time, actor, role, service, action, object_type, object_id, outcome,
                                   request_id, subject_ids, lead_ids, disclosure, canonical, previous_hash, hash)
            SELECT $1, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $3, $2 FROM moved
            """,
            [
                PGValue(record.position), PGValue(record.hash.bytes), PGValue(record.previousHash.bytes), PGValue(event.id),
                PGValue(event.time), PGValue(event.actor), PGValue(event.role), PGValue(event.service), PGValue(event.action),
                PGValue(event.objectType), PGValue(event.objectID), PGValue(event.outcome.rawValue), PGValue(event.requestID),
                PGValue(event.subjectIDs), PGValue(event.leadIDs), PGValue(event.disclosure != nil),
                PGValue(record.canonicalEvent),
            ])
        if result.affectedRows == 1 { return .appended }
        let known = try connection.execute("SELECT 1 FROM \(events) WHERE event_id = $1", [PGValue(event.id)]).rows
        return known.isEmpty ? .staleHead : .duplicate
    }
}
