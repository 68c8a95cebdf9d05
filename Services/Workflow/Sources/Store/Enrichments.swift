import Foundation
import LeadTracContracts
import LeadTracStorage

/// Enrichment requests and the provider items that answer them.
struct Enrichments: Sendable {
    struct ItemView: Encodable, Sendable {
        var itemId: String
        var requestId: String
        var kind: String
        var fields: [String: String]
        var provider: String
        var observedAt: Date?
        /// `unconfirmed` until an analyst decides; provider data is always marked as such.
        var status: String
        var decidedBy: String?
    }

    struct RequestView: Encodable, Sendable {
        var requestId: String
        var purpose: String
        var wanted: [String]
        var requestedBy: String
        var requestedAt: Date
        var completedAt: Date?
    }

    let schema: String
    private var requests: String { "\(quoteIdentifier(schema)).enrichment_requests" }
    private var items: String { "\(quoteIdentifier(schema)).enrichment_items" }

    func recordRequest(_ request: EnrichmentRequested, on db: PGConnection) throws {
        try db.execute(
            "INSERT INTO \(requests) (request_id, lead_id, purpose, wanted, requested_by, requested_at) VALUES ($1, $2, $3, $4, $5, $6)",
            [
                PGValue(request.requestID), PGValue(request.leadID), PGValue(request.purpose), PGValue(request.wanted),
                PGValue(request.requestedBy), PGValue(request.requestedAt),
            ])
    }

    /// Stores the provider items (once each) and marks the request completed.
    func recordCompletion(_ completion: EnrichmentCompleted, on db: PGConnection) throws {
        for item in completion.items {
            try db.execute(
                """
                INSERT INTO \(items) (item_id, request_id, lead_id, kind, fields, provider, observed_at)
                VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7) ON CONFLICT (item_id) DO NOTHING
                """,
                [
                    PGValue(item.itemID), PGValue(completion.requestID), PGValue(completion.leadID), PGValue(item.kind),
                    PGValue(String(decoding: try JSONEncoder().encode(item.fields), as: UTF8.self)), PGValue(item.provider),
                    PGValue(item.observedAt),
                ])
        }
        try db.execute(
            "UPDATE \(requests) SET completed_at = $2 WHERE request_id = $1 AND completed_at IS NULL",
            [PGValue(completion.requestID), PGValue(completion.completedAt)])
    }

    func items(of leadID: String, on db: PGConnection) throws -> [ItemView] {
        try db.execute(
            """
            SELECT item_id, request_id, kind, fields::text, provider, observed_at, status, decided_by FROM \(items)
            WHERE lead_id = $1 ORDER BY item_id
            """, [PGValue(leadID)]
        ).rows.map(Self.item)
    }

    func requests(of leadID: String, on db: PGConnection) throws -> [RequestView] {
        try db.execute(
            "SELECT request_id, purpose, wanted, requested_by, requested_at, completed_at FROM \(requests) WHERE lead_id = $1 ORDER BY requested_at",
            [PGValue(leadID)]
        ).rows.map { row in
            RequestView(
                requestId: try row.decode(String.self, at: 0), purpose: try row.decode(String.self, at: 1),
                wanted: try row.decode([String].self, at: 2), requestedBy: try row.decode(String.self, at: 3),
                requestedAt: try row.decode(Date.self, at: 4), completedAt: try row.decode(Date?.self, at: 5))
        }
    }

    /// Accepts or rejects an unconfirmed item; returns it as it was, or nil when there is no
    /// unconfirmed item with this id on this lead.
    func decide(_ itemID: String, leadID: String, accept: Bool, by user: String, on db: PGConnection) throws -> ItemView? {
        try db.execute(
            """
            UPDATE \(items) SET status = $3, decided_by = $4, decided_at = now()
            WHERE item_id = $1 AND lead_id = $2 AND status = 'unconfirmed'
            RETURNING item_id, request_id, kind, fields::text, provider, observed_at, status, decided_by
            """, [PGValue(itemID), PGValue(leadID), PGValue(accept ? "accepted" : "rejected"), PGValue(user)]
        ).rows.first.map(Self.item)
    }

    private static func item(_ row: PGRow) throws -> ItemView {
        ItemView(
            itemId: try row.decode(String.self, at: 0), requestId: try row.decode(String.self, at: 1),
            kind: try row.decode(String.self, at: 2),
            fields: try JSONDecoder().decode([String: String].self, from: Data(try row.decode(String.self, at: 3).utf8)),
            provider: try row.decode(String.self, at: 4), observedAt: try row.decode(Date?.self, at: 5),
            status: try row.decode(String.self, at: 6), decidedBy: try row.decode(String?.self, at: 7))
    }
}
