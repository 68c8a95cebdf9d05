import Foundation
import LeadTracStorage

/// One stored rejection as operators and analysts see it: the reason and the problem codes;
/// the raw body (personal data) only when asked for.
public struct RejectionSummary: Sendable, Codable, Equatable {
    public var rejectionID: String
    public var receivedAt: Date
    public var eventType: String
    public var source: String
    public var sourceRecordID: String?
    public var reason: String
    public var codes: [String]
    public var status: String
    public var body: String?
}

/// Reads `rejections` for the CLI (`leadtrac ingest rejections`) and the API (`/rejections`).
public struct RejectionQueries: Sendable {
    public let schema: String

    public init(schema: String) {
        self.schema = schema
    }

    public func list(status: String?, limit: Int, on database: PGConnection) throws -> [RejectionSummary] {
        try database.execute(
            """
            SELECT rejection_id::text, received_at, event_type, source_system, source_record_id, reason,
                   COALESCE((SELECT array_agg(DISTINCT p->>'code') FROM jsonb_array_elements(problems) p), '{}'), status, NULL::bytea
            FROM \(quoteIdentifier(schema)).rejections WHERE $1::text IS NULL OR status = $1
            ORDER BY received_at, rejection_id LIMIT $2
            """, [PGValue(status), PGValue(limit)]
        ).rows.map(Self.summary)
    }

    public func show(_ id: String, includeBody: Bool, on database: PGConnection) throws -> RejectionSummary? {
        guard UUID(uuidString: id) != nil else { return nil }
        return try database.execute(
            """
            SELECT rejection_id::text, received_at, event_type, source_system, source_record_id, reason,
                   COALESCE((SELECT array_agg(DISTINCT p->>'code') FROM jsonb_array_elements(problems) p), '{}'), status,
                   CASE WHEN $2 THEN raw_body END
            FROM \(quoteIdentifier(schema)).rejections WHERE rejection_id = $1::uuid
            """, [PGValue(id), PGValue(includeBody)]
        ).rows.first.map(Self.summary)
    }

    private static func summary(_ row: PGRow) throws -> RejectionSummary {
        RejectionSummary(
            rejectionID: try row.decode(String.self, at: 0), receivedAt: try row.decode(Date.self, at: 1),
            eventType: try row.decode(String.self, at: 2), source: try row.decode(String.self, at: 3),
            sourceRecordID: try row.decode(String?.self, at: 4), reason: try row.decode(String.self, at: 5),
            codes: try row.decode([String].self, at: 6).sorted(), status: try row.decode(String.self, at: 7),
            body: try row.decode([UInt8]?.self, at: 8).map { String(decoding: $0, as: UTF8.self) })
    }
}
