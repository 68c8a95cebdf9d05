import AuditCore
import Foundation
import LeadTracContracts
import LeadTracStorage

/// Verifies the whole trail as stored: every chain link, every signed checkpoint, and that the
/// columns auditors query still say what the hashed canonical bytes say. Reads in pages of
/// positions, so memory stays flat however long the trail is.
public struct TrailVerifier: Sendable {
    public let schema: String
    public let keys: CheckpointVerifier
    public var pageSize = 20_000

    public init(schema: String, keys: CheckpointVerifier) {
        self.schema = schema
        self.keys = keys
    }

    /// - Parameter progress: called after each page with the number of rows read so far.
    public func verify(on db: PGConnection, progress: (Int64) -> Void = { _ in }) throws -> VerificationReport {
        let schemaName = quoteIdentifier(schema)
        let checkpoints = try db.execute(
            "SELECT tree_size, merkle_root, chain_head, signed_at, key_id, signature FROM \(schemaName).checkpoints ORDER BY tree_size"
        ).rows.map { row in
            Checkpoint(
                treeSize: try row.decode(Int64.self, at: 0), merkleRoot: Digest32(bytes: try row.decode([UInt8].self, at: 1)) ?? .zero,
                chainHead: Digest32(bytes: try row.decode([UInt8].self, at: 2)) ?? .zero, time: try row.decode(Date.self, at: 3),
                keyID: try row.decode(String.self, at: 4), signature: Data(try row.decode([UInt8].self, at: 5)))
        }
        var verifier = ChainVerifier(checkpoints: checkpoints, keys: keys)
        var after: Int64 = Int64.min
        var read: Int64 = 0
        pages: while true {
            let rows = try db.execute(
                """
                SELECT position, canonical, previous_hash, hash, event_id, actor, role, service, action, object_type,
                       object_id, outcome, request_id, subject_ids, lead_ids, disclosure, time
                FROM \(schemaName).events WHERE position > $1 ORDER BY position LIMIT $2
                """, [PGValue(after), PGValue(pageSize)]
            ).rows
            for row in rows {
                let position = try row.decode(Int64.self, at: 0)
                let canonical = try row.decode([UInt8].self, at: 1)
                let stored = StoredRow(
                    position: position, canonicalEvent: canonical,
                    previousHash: Digest32(bytes: try row.decode([UInt8].self, at: 2)) ?? .zero,
                    hash: Digest32(bytes: try row.decode([UInt8].self, at: 3)) ?? .zero)
                if verifier.feed(stored) != nil { break pages }
                if try !columnsAgree(row, canonical: canonical) {
                    var report = verifier.finish()
                    report.failure = VerificationFailure(
                        kind: .modified, position: position,
                        message: "the queryable columns no longer match the hashed event")
                    return report
                }
                after = position
            }
            read += Int64(rows.count)
            progress(read)
            if rows.count < pageSize { break }
        }
        return verifier.finish()
    }

    private func columnsAgree(_ row: PGRow, canonical: [UInt8]) throws -> Bool {
        guard let event = try? CanonicalEncoding.decode(canonical) else { return false }
        return try row.decode(String.self, at: 4) == event.id && row.decode(String.self, at: 5) == event.actor
            && row.decode(String.self, at: 6) == event.role && row.decode(String.self, at: 7) == event.service
            && row.decode(String.self, at: 8) == event.action && row.decode(String?.self, at: 9) == event.objectType
            && row.decode(String?.self, at: 10) == event.objectID && row.decode(String.self, at: 11) == event.outcome.rawValue
            && row.decode(String?.self, at: 12) == event.requestID && row.decode([String].self, at: 13) == event.subjectIDs
            && row.decode([String].self, at: 14) == event.leadIDs && row.decode(Bool.self, at: 15) == (event.disclosure != nil)
            && AuditTimestamp.milliseconds(try row.decode(Date.self, at: 16)) == event.millisecondsSince1970
    }
}
