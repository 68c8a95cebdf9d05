import Foundation
import LeadTracContracts
import LeadTracStorage
import PrioritizerCore

/// The `lead_facts` read model and the `scores` table.
public struct ScoreStore: Sendable {
    public let schema: String
    let facts: String
    let scores: String

    public init(schema: String) {
        self.schema = schema
        facts = "\(quoteIdentifier(schema)).lead_facts"
        scores = "\(quoteIdentifier(schema)).scores"
    }

    /// A lead's current score as stored.
    public struct StoredScore: Sendable, Codable {
        public var leadID: String
        public var subjectID: String
        public var revision: Int
        public var open: Bool
        public var score: Score
        public var scoredAt: Date
        /// The score in words (PrioritizerCore's `Score.explanation`).
        public var explanation: String
    }

    /// The stored revision and subject of a lead (row locked until the transaction ends), or nil.
    func lockLead(_ leadID: String, on db: PGConnection) throws -> (revision: Int, subjectID: String)? {
        guard let row = try db.execute(
            "SELECT revision, subject_id::text FROM \(facts) WHERE lead_id = $1::uuid FOR UPDATE", [PGValue(leadID)]
        ).rows.first else { return nil }
        return (try row.decode(Int.self, at: 0), try row.decode(String.self, at: 1))
    }

    func saveFacts(_ leadFacts: Facts, leadID: String, subjectID: String, revision: Int, on db: PGConnection) throws {
        let fields = FactColumns.fields
        let placeholders = fields.indices.map { "$\($0 + 4)" }.joined(separator: ", ")
        let updates = fields.map { "\(FactColumns.column($0)) = EXCLUDED.\(FactColumns.column($0))" }.joined(separator: ", ")
        try db.execute(
            """
            INSERT INTO \(facts) (lead_id, subject_id, revision, \(FactColumns.list))
            VALUES ($1::uuid, $2::uuid, $3, \(placeholders))
            ON CONFLICT (lead_id) DO UPDATE SET subject_id = EXCLUDED.subject_id, revision = EXCLUDED.revision,
                \(updates), updated_at = now()
            """,
            [PGValue(leadID), PGValue(subjectID), PGValue(revision)] + FactColumns.values(leadFacts))
    }

    /// The latest score of a lead, decoded, or nil.
    func latestScore(_ leadID: String, on db: PGConnection) throws -> Score? {
        guard let row = try db.execute(
            "SELECT score::text FROM \(scores) WHERE lead_id = $1::uuid ORDER BY scored_at DESC LIMIT 1", [PGValue(leadID)]
        ).rows.first else { return nil }
        return try ScoreJSON.decode(try row.decode(String.self, at: 0))
    }

    func saveScore(_ score: Score, leadID: String, revision: Int, at time: Date, on db: PGConnection) throws {
        try db.execute(
            """
            INSERT INTO \(scores) (lead_id, rule_set_version, revision, points, tier, score, scored_at)
            VALUES ($1::uuid, $2, $3, $4, $5, $6::jsonb, $7)
            ON CONFLICT (lead_id, rule_set_version) DO UPDATE SET revision = EXCLUDED.revision, points = EXCLUDED.points,
                tier = EXCLUDED.tier, score = EXCLUDED.score, scored_at = EXCLUDED.scored_at
            """,
            [
                PGValue(leadID), PGValue(score.ruleSetVersion), PGValue(revision), PGValue(score.points),
                PGValue(score.priority.description), PGValue(ScoreJSON.encode(score)), PGValue(time),
            ])
    }

    /// The facts of the given leads as of `asOf`, with their subject and revision.
    func leads(_ leadIDs: [String], asOf: Date, on db: PGConnection) throws
        -> [(leadID: String, subjectID: String, revision: Int, facts: Facts)]
    {
        try db.execute(
            """
            SELECT lead_id::text, subject_id::text, revision, \(FactColumns.list) FROM \(facts)
            WHERE lead_id = ANY($1::uuid[]) ORDER BY lead_id
            """, [PGValue(leadIDs)]
        ).rows.map { row in
            (try row.decode(String.self, at: 0), try row.decode(String.self, at: 1), try row.decode(Int.self, at: 2),
             try FactColumns.facts(row, from: 3, asOf: asOf))
        }
    }

    /// A lead's current score with its explanation, for the API.
    public func current(_ leadID: String, on db: PGConnection) throws -> StoredScore? {
        guard UUID(uuidString: leadID) != nil else { return nil }
        guard let row = try db.execute(
            """
            SELECT f.lead_id::text, f.subject_id::text, s.revision, f.open, s.score::text, s.scored_at
            FROM \(facts) f JOIN \(scores) s ON s.lead_id = f.lead_id
            WHERE f.lead_id = $1::uuid ORDER BY s.scored_at DESC LIMIT 1
            """, [PGValue(leadID)]
        ).rows.first else { return nil }
        let score = try ScoreJSON.decode(try row.decode(String.self, at: 4))
        return StoredScore(
            leadID: try row.decode(String.self, at: 0), subjectID: try row.decode(String.self, at: 1),
            revision: try row.decode(Int.self, at: 2), open: try row.decode(Bool.self, at: 3), score: score,
            scoredAt: try row.decode(Date.self, at: 5), explanation: score.explanation)
    }

    /// Marks a lead open or closed (from the workflow's `lead.state-changed.v1`).
    func setOpen(_ leadID: UUID, open: Bool, on db: PGConnection) throws {
        try db.execute("UPDATE \(facts) SET open = $2 WHERE lead_id = $1::uuid AND open <> $2", [PGValue(leadID.uuidString), PGValue(open)])
    }
}
