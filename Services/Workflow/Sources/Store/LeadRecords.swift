import Foundation
import LeadTracContracts
import LeadTracDomain
import LeadTracStorage
import WorkflowCore

/// One lead as the workflow service holds it.
struct LeadRecord: Sendable {
    var workflow: LeadWorkflow
    var tier: PriorityTier?
    var points: Int?
    var priority: JSONValue?
    var category: String?
    var source: String?
    var revision: Int?
    var lead: CanonicalLeadJSON?
    /// The canonical lead as stored, for the fields the workflow itself needs.
    var leadText: String?
    var subject: JSONValue?
    var queuedAt: Date
    var reopenedChanges: [String]?
    var createdAt: Date

    var leadID: String { workflow.leadID }

    var canonicalLead: CanonicalLead? {
        leadText.flatMap { try? ContractCoding.decoder().decode(CanonicalLead.self, from: Data($0.utf8)) }
    }
}

/// The canonical lead kept as JSON (decoded only where a field is needed, e.g. the address
/// for the jurisdiction or the identifiers for stop-updates).
typealias CanonicalLeadJSON = JSONValue

/// The SQL of the workflow's tables.
struct LeadRecords: Sendable {
    let schema: String
    private var leads: String { "\(quoteIdentifier(schema)).leads" }
    private var history: String { "\(quoteIdentifier(schema)).history" }

    static let columns = """
        lead_id, subject_id, state, version, workflow::text, tier, points, priority::text, category, source, revision,
        lead::text, subject::text, queued_at, reopened_changes, created_at, state_entered_at, assignee
        """

    /// The lead, optionally locked for the rest of the transaction.
    func find(_ leadID: String, lock: Bool = false, on db: PGConnection) throws -> LeadRecord? {
        try db.execute(
            "SELECT \(Self.columns) FROM \(leads) WHERE lead_id = $1\(lock ? " FOR UPDATE" : "")", [PGValue(leadID)]
        ).rows.first.map(Self.record)
    }

    /// What a `lead.matched` said: creates the lead (queued) or updates its lead and subject data.
    /// - Returns: whether this is the lead's first match (it enters the queue now), and the
    ///   revision it had before (nil if none).
    func recordMatched(
        leadID: String, subjectID: String, revision: Int, category: String, source: String, lead: Data, subject: Data,
        identifiers: [String], on db: PGConnection
    ) throws -> (firstMatch: Bool, previousRevision: Int?) {
        let row = try db.execute(
            """
            WITH before AS (SELECT revision, subject_id FROM \(leads) WHERE lead_id = $1 FOR UPDATE)
            INSERT INTO \(leads) AS l (lead_id, subject_id, revision, category, source, lead, subject, identifiers)
            VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb, $8)
            ON CONFLICT (lead_id) DO UPDATE SET subject_id = EXCLUDED.subject_id, revision = EXCLUDED.revision,
                category = EXCLUDED.category, source = EXCLUDED.source, lead = EXCLUDED.lead, subject = EXCLUDED.subject,
                identifiers = EXCLUDED.identifiers, updated_at = now()
                WHERE l.revision IS NULL OR l.revision <= EXCLUDED.revision
            RETURNING (SELECT subject_id FROM before) IS NULL, (SELECT revision FROM before)
            """,
            [
                PGValue(leadID), PGValue(subjectID), PGValue(revision), PGValue(category), PGValue(source),
                PGValue(String(decoding: lead, as: UTF8.self)), PGValue(String(decoding: subject, as: UTF8.self)),
                PGValue(identifiers),
            ]
        ).rows.first
        guard let row else { return (false, revision + 1) }  // an older revision arrived late: ignored
        return (try row.decode(Bool.self, at: 0), try row.decode(Int?.self, at: 1))
    }

    /// What a `lead.prioritized` said; creates the lead if the priority came first.
    func recordPriority(leadID: String, tier: PriorityTier, points: Int?, priority: Data, on db: PGConnection) throws -> Bool {
        try db.execute(
            """
            INSERT INTO \(leads) AS l (lead_id, tier, tier_rank, points, priority) VALUES ($1, $2, $3, $4, $5::jsonb)
            ON CONFLICT (lead_id) DO UPDATE SET tier = EXCLUDED.tier, tier_rank = EXCLUDED.tier_rank,
                points = EXCLUDED.points, priority = EXCLUDED.priority, updated_at = now()
            RETURNING (xmax = 0)
            """,
            [PGValue(leadID), PGValue(tier.rawValue), PGValue(tier.rank), PGValue(points), PGValue(String(decoding: priority, as: UTF8.self))]
        ).rows[0].decode(Bool.self, at: 0)
    }

    /// Writes the workflow after a transition, and the transition to the history.
    func save(_ workflow: LeadWorkflow, transition: Transition, reopened: [String]? = nil, on db: PGConnection) throws {
        let encoder = JSONEncoder.workflow
        try db.execute(
            """
            UPDATE \(leads) SET state = $2, version = $3, workflow = $4::jsonb, assignee = $5, state_entered_at = $6,
                subject_id = $7, reopened_changes = $8,
                queued_at = CASE WHEN $2 = 'queued' AND state <> 'queued' THEN $6 ELSE queued_at END,
                disposed_at = CASE WHEN $2 IN ('referred', 'held', 'pending', 'closed') AND disposed_at IS NULL THEN $6 ELSE disposed_at END,
                updated_at = now()
            WHERE lead_id = $1
            """,
            [
                PGValue(workflow.leadID), PGValue(workflow.state.rawValue), PGValue(workflow.version),
                PGValue(String(decoding: try encoder.encode(workflow), as: UTF8.self)), PGValue(workflow.assignee),
                PGValue(workflow.stateEnteredAt), PGValue(workflow.subjectID), PGValue(reopened),
            ])
        try db.execute(
            "INSERT INTO \(history) (lead_id, version, transition, at) VALUES ($1, $2, $3::jsonb, $4)",
            [
                PGValue(workflow.leadID), PGValue(transition.version),
                PGValue(String(decoding: try encoder.encode(transition), as: UTF8.self)), PGValue(transition.at),
            ])
    }

    /// The lead take-next gives: highest tier, then oldest, among queued leads nobody else is
    /// taking right now (`SKIP LOCKED`: two analysts never get the same lead). Locked.
    func nextQueued(tiers: Set<PriorityTier>, on db: PGConnection) throws -> LeadRecord? {
        try db.execute(
            """
            SELECT \(Self.columns) FROM \(leads)
            WHERE state = 'queued' AND tier_rank < 3 AND tier = ANY($1) AND subject_id IS NOT NULL
            ORDER BY tier_rank, queued_at, lead_id LIMIT 1 FOR UPDATE SKIP LOCKED
            """, [PGValue(tiers.map(\.rawValue).sorted())]
        ).rows.first.map(Self.record)
    }

    func history(of leadID: String, on db: PGConnection) throws -> [Transition] {
        try db.execute("SELECT transition::text FROM \(history) WHERE lead_id = $1 ORDER BY version", [PGValue(leadID)]).rows.map {
            try JSONDecoder.workflow.decode(Transition.self, from: Data(try $0.decode(String.self, at: 0).utf8))
        }
    }

    /// Keeps an arrival/departure update with every lead it names (by identifier); returns the
    /// leads that are pending or held, which the update reopens.
    func recordTravelUpdate(identifiers: [String], update: Data, on db: PGConnection) throws -> [String] {
        try db.execute(
            """
            UPDATE \(leads) SET travel_updates = travel_updates || jsonb_build_array($2::jsonb), updated_at = now()
            WHERE identifiers && $1 RETURNING lead_id, state
            """, [PGValue(identifiers), PGValue(String(decoding: update, as: UTF8.self))]
        ).rows.compactMap { row in
            ["pending", "held"].contains(try row.decode(String.self, at: 1)) ? try row.decode(String.self, at: 0) : nil
        }
    }

    /// `type:value` keys of identifiers, as stored in `identifiers` (issuer left out: the
    /// arrival/departure system does not always send it).
    static func identifierKeys(_ identifiers: [Identifier]) -> [String] {
        identifiers.map(\.lookupKey)
    }

    /// Re-points every lead of `from` to `to` (a merge); returns the leads moved.
    func repoint(subject from: String, to: String, leads only: [String]? = nil, on db: PGConnection) throws -> [String] {
        try db.execute(
            """
            UPDATE \(leads) SET subject_id = $2, workflow = jsonb_set(workflow, '{subjectID}', to_jsonb($2::text)), updated_at = now()
            WHERE subject_id = $1 AND ($3::text[] IS NULL OR lead_id = ANY($3)) RETURNING lead_id
            """, [PGValue(from), PGValue(to), PGValue(only)]
        ).rows.map { try $0.decode(String.self, at: 0) }
    }

    static func record(_ row: PGRow) throws -> LeadRecord {
        let leadID = try row.decode(String.self, at: 0)
        let subjectID = try row.decode(String?.self, at: 1) ?? ""
        let createdAt = try row.decode(Date.self, at: 15)
        var workflow: LeadWorkflow
        if let json = try row.decode(String?.self, at: 4) {
            workflow = try JSONDecoder.workflow.decode(LeadWorkflow.self, from: Data(json.utf8))
        } else {
            workflow = LeadWorkflow.new(leadID: leadID, subjectID: subjectID, queuedAt: try row.decode(Date.self, at: 16))
        }
        workflow.subjectID = subjectID
        func json(_ index: Int) throws -> JSONValue? {
            try row.decode(String?.self, at: index).map { try JSONDecoder().decode(JSONValue.self, from: Data($0.utf8)) }
        }
        return LeadRecord(
            workflow: workflow, tier: try row.decode(String?.self, at: 5).flatMap(PriorityTier.init(rawValue:)),
            points: try row.decode(Int?.self, at: 6), priority: try json(7), category: try row.decode(String?.self, at: 8),
            source: try row.decode(String?.self, at: 9), revision: try row.decode(Int?.self, at: 10), lead: try json(11),
            leadText: try row.decode(String?.self, at: 11),
            subject: try json(12), queuedAt: try row.decode(Date.self, at: 13),
            reopenedChanges: try row.decode([String]?.self, at: 14), createdAt: createdAt)
    }
}

extension JSONEncoder {
    /// How the workflow stores its own JSON (sorted keys, ISO 8601 dates with milliseconds).
    static var workflow: JSONEncoder { ContractCoding.encoder() }
}

extension JSONDecoder {
    static var workflow: JSONDecoder { ContractCoding.decoder() }
}
