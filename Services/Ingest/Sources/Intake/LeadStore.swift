import Foundation
import LeadTracContracts
import LeadTracDomain
import LeadTracMessaging
import LeadTracStorage

/// Ingest's tables: accepted leads, one per source record, and rejections kept for repair.
struct LeadStore: Sendable {
    let schema: String

    /// What an accepted record did to the stored lead.
    enum Outcome: Equatable {
        case stored(revision: Int, change: LeadReceived.Change)
        /// Same content as stored (a re-send), or older than what is stored (arrived late): nothing changes.
        case unchanged
    }

    struct Record {
        var leadID: String
        var sourceSystem: String
        var sourceRecordID: String
        var eventType: String
        var canonicalJSON: String
        var contentHash: String
        var rawBody: [UInt8]
        var messageID: String
        var receivedAt: Date
    }

    /// Inserts the lead, or updates it when a re-send changed its content.
    func save(_ record: Record, on db: PGConnection) throws -> Outcome {
        let table = "\(quoteIdentifier(schema)).leads"
        let inserted = try db.execute(
            """
            INSERT INTO \(table) (lead_id, source_system, source_record_id, event_type, revision, content_hash,
                                  canonical, raw_body, message_id, received_at)
            VALUES ($1::uuid, $2, $3, $4, 1, $5, $6::jsonb, $7, $8, $9)
            ON CONFLICT (source_system, source_record_id) DO NOTHING RETURNING revision
            """,
            [
                PGValue(record.leadID), PGValue(record.sourceSystem), PGValue(record.sourceRecordID),
                PGValue(record.eventType), PGValue(record.contentHash), PGValue(record.canonicalJSON),
                PGValue(record.rawBody), PGValue(record.messageID), PGValue(record.receivedAt),
            ])
        if inserted.rowCount == 1 { return .stored(revision: 1, change: .created) }
        // The record exists: update it only if the content changed and this copy is not older.
        let updated = try db.execute(
            """
            UPDATE \(table) SET revision = revision + 1, content_hash = $3, canonical = $4::jsonb, raw_body = $5,
                   message_id = $6, event_type = $7, received_at = $8, updated_at = now()
            WHERE source_system = $1 AND source_record_id = $2 AND content_hash <> $3 AND received_at <= $8
            RETURNING revision
            """,
            [
                PGValue(record.sourceSystem), PGValue(record.sourceRecordID), PGValue(record.contentHash),
                PGValue(record.canonicalJSON), PGValue(record.rawBody), PGValue(record.messageID),
                PGValue(record.eventType), PGValue(record.receivedAt),
            ])
        guard let row = updated.rows.first else { return .unchanged }
        return .stored(revision: try row.decode(Int.self, at: 0), change: .updated)
    }

    /// Keeps a rejected record with every problem, for repair and resubmission.
    func reject(
        event: CloudEvent, sourceRecordID: String?, reason: String, problems: [FieldProblem], on db: PGConnection
    ) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        try db.execute(
            """
            INSERT INTO \(quoteIdentifier(schema)).rejections
                (rejection_id, message_id, event_type, source_system, source_record_id, reason, problems, raw_body, received_at)
            VALUES ($1::uuid, $2, $3, $4, $5, $6, $7::jsonb, $8, $9)
            ON CONFLICT (rejection_id) DO NOTHING
            """,
            [
                PGValue(EventID.derive(from: event.id, type: "ingest.rejection")), PGValue(event.id), PGValue(event.type),
                PGValue(event.source), PGValue(sourceRecordID), PGValue(reason),
                PGValue(String(decoding: try encoder.encode(problems), as: UTF8.self)), PGValue(event.data),
                PGValue(event.time),
            ])
    }

    /// Marks a rejection as repaired by a resubmitted record (only an open one).
    func markResubmitted(_ rejectionID: String, on db: PGConnection) throws {
        try db.execute(
            "UPDATE \(quoteIdentifier(schema)).rejections SET status = 'resubmitted' WHERE rejection_id = $1::uuid AND status = 'open'",
            [PGValue(rejectionID)])
    }
}
