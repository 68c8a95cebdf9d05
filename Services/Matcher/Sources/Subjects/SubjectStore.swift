import Foundation
import LeadTracContracts
import LeadTracDomain
import LeadTracStorage
import MatcherCore

/// A subject as stored, with what the lead.matched summary needs.
struct StoredSubject: Sendable {
    var id: String
    var profile: SubjectProfile
    var primaryName: String
    var leadCount: Int
    var categories: [String]
    var departed: Bool?

    func summary(priorLeadCount: Int) -> SubjectSummary {
        let record = profile.record
        return SubjectSummary(
            kind: record.kind == .organisation ? .organisation : .person, primaryName: primaryName,
            dateOfBirth: record.dateOfBirth?.description,
            identifierCount: record.identifiers.filter {
                $0.type != MatcherCore.IdentifierType.phone && $0.type != MatcherCore.IdentifierType.email
            }.count + (record.schoolCode == nil ? 0 : 1),
            priorLeadCount: priorLeadCount, categories: categories.compactMap(LeadCategory.init(rawValue:)).sorted {
                $0.rawValue < $1.rawValue
            },
            departed: departed, protected: nil)
    }
}

/// The decision stored for a lead, re-emitted as is when the same revision comes again.
///
/// The explanation and the subject summary are kept as JSON (``EncodedJSON``): encoded once per
/// decision, written to the link row and spliced into `lead.matched.v1` as they are.
struct StoredLink: Sendable {
    var subjectID: String
    var decision: LeadMatched.Decision
    var score: Double?
    var explanation: [UInt8]
    var summary: [UInt8]
    var reviewID: String?
    var revision: Int

    init(
        subjectID: String, decision: LeadMatched.Decision, score: Double?, explanation: [UInt8], summary: [UInt8],
        reviewID: String?, revision: Int
    ) {
        self.subjectID = subjectID
        self.decision = decision
        self.score = score
        self.explanation = explanation
        self.summary = summary
        self.reviewID = reviewID
        self.revision = revision
    }

    init(
        subjectID: String, decision: LeadMatched.Decision, score: Double?, explanation: MatchExplanation,
        summary: SubjectSummary, reviewID: String?, revision: Int
    ) throws {
        self.init(
            subjectID: subjectID, decision: decision, score: score, explanation: try explanation.json(),
            summary: try EncodedJSON.value(summary), reviewID: reviewID, revision: revision)
    }
}

/// The matcher's tables (see ``MatcherSchema``). Every method runs on the connection it is
/// given, inside the consumer's batch transaction.
struct SubjectStore: Sendable {
    let schema: String

    func table(_ name: String) -> String { "\(quoteIdentifier(schema)).\(name)" }

    // MARK: Blocking and locking

    /// The keys shared by more than `cap` subjects: generic, too common to retrieve by.
    func genericKeys(_ keys: [String], cap: Int, on db: PGConnection) throws -> Set<String> {
        guard !keys.isEmpty else { return [] }
        let result = try db.execute(
            """
            SELECT k.key FROM unnest($1::text[]) AS k(key)
            WHERE (SELECT count(*) FROM (SELECT 1 FROM \(table("subject_keys")) sk WHERE sk.key = k.key LIMIT $2) c) >= $2
            """, [PGValue(keys), PGValue(cap + 1)])
        return Set(try result.rows.map { try $0.decode(String.self, at: 0) })
    }

    /// Takes transaction-scoped advisory locks on `keys` (hashed with the schema name), all in
    /// one statement and in hash order, so that two transactions about the same person queue
    /// instead of both creating a subject. Held until the batch commits or rolls back.
    func lock(_ keys: [String], on db: PGConnection) throws {
        guard !keys.isEmpty else { return }
        try db.execute(
            """
            SELECT pg_advisory_xact_lock(h)
            FROM (SELECT DISTINCT hashtextextended($2 || ':' || k, 0) AS h FROM unnest($1::text[]) AS k ORDER BY h) AS locks
            """, [PGValue(keys), PGValue(schema)])
    }

    /// What candidate retrieval found for a lead's keys.
    struct Retrieval {
        /// Keys shared by more than the block cap: skipped.
        var genericKeys: [String] = []
        /// Subjects sharing a usable key (of any kind, before the cut to the best).
        var sharing = 0
        /// The best of them by ``BlockingKey/retrievalWeight`` summed over the kinds shared
        /// (ties: more keys shared, then subject id), active and of the lead's kind.
        var candidates: [(id: String, record: MatchRecord)] = []
    }

    /// Candidate retrieval in one statement: each key's block is read up to `cap + 1` entries
    /// (a block that reaches it is generic and skipped); the subjects in the other blocks are
    /// ranked by the evidence their shared keys carry, and the `limit` best are returned with
    /// their records.
    ///
    /// Why rank (meta-blocking) rather than score every subject in every block: the blocks of a
    /// common name hold hundreds of namesakes who share one or two weak kinds with the lead,
    /// while a true duplicate shares several (or an identifier); scoring the namesakes cost most
    /// of a lead's time and never changed a decision.
    func retrieve(
        _ keys: [BlockingKey], cap: Int, limit: Int, kind: MatchRecord.Kind, on db: PGConnection
    ) throws -> Retrieval {
        guard !keys.isEmpty else { return Retrieval() }
        let result = try db.execute(
            """
            WITH hits AS MATERIALIZED (
                SELECT k.key, k.kind, k.weight, sk.subject_id
                FROM unnest($1::text[], $2::text[], $3::int[]) AS k(key, kind, weight)
                CROSS JOIN LATERAL (SELECT subject_id FROM \(table("subject_keys")) WHERE key = k.key LIMIT $4) sk
            ),
            generic AS (SELECT key FROM hits GROUP BY key HAVING count(*) >= $4),
            per_kind AS (
                SELECT subject_id, max(weight) AS weight, count(*) AS keys FROM hits
                WHERE key NOT IN (SELECT key FROM generic) GROUP BY subject_id, kind
            ),
            shared AS (SELECT subject_id, sum(weight) AS weight, sum(keys) AS keys FROM per_kind GROUP BY subject_id),
            best AS (SELECT subject_id FROM shared ORDER BY weight DESC, keys DESC, subject_id LIMIT $5)
            SELECT 0, key, NULL FROM generic
            UNION ALL SELECT 1, count(*)::text, NULL FROM shared
            UNION ALL SELECT 2, s.subject_id::text, coalesce(s.packed, s.record::text) FROM best b
                      JOIN \(table("subjects")) s USING (subject_id) WHERE s.status = 'active' AND s.kind = $6
            """,
            [
                PGValue(keys.map(\.text)), PGValue(keys.map(\.kind.rawValue)), PGValue(keys.map(\.retrievalWeight)),
                PGValue(cap + 1), PGValue(limit), PGValue(kind.rawValue),
            ])
        var retrieval = Retrieval()
        for row in result.rows {
            switch try row.decode(Int.self, at: 0) {
            case 0: retrieval.genericKeys.append(try row.decode(String.self, at: 1))
            case 1: retrieval.sharing = try row.decode(Int.self, at: 1)
            default: retrieval.candidates.append((try row.decode(String.self, at: 1), try Self.record(try row.decode(String.self, at: 2))))
            }
        }
        // The statement does not order the union; callers get candidates in subject id order.
        retrieval.candidates.sort { $0.id < $1.id }
        return retrieval
    }

    /// The records of those of `ids` that are active subjects of `kind`, in subject id order
    /// (retrieval through ``BlockingIndex``).
    func records(_ ids: [String], kind: MatchRecord.Kind, on db: PGConnection) throws -> [(id: String, record: MatchRecord)] {
        guard !ids.isEmpty else { return [] }
        let result = try db.execute(
            """
            SELECT subject_id::text, coalesce(packed, record::text) FROM \(table("subjects"))
            WHERE subject_id = ANY($1::uuid[]) AND status = 'active' AND kind = $2
            ORDER BY subject_id
            """, [PGValue(ids), PGValue(kind.rawValue)])
        return try result.rows.map { (try $0.decode(String.self, at: 0), try Self.record(try $0.decode(String.self, at: 1))) }
    }

    /// A stored record: packed, or JSON for subjects last written before the packed column existed.
    static func record(_ text: String) throws -> MatchRecord {
        text.hasPrefix("{") ? try JSONDecoder().decode(MatchRecord.self, from: Data(text.utf8)) : try MatchRecord(packed: text)
    }

    /// Stores `keys` for the subject (locked first when `lock`: the subject may now be found by
    /// leads that could not find it before) and the record's term values.
    func index(keys: [String], termsOf record: MatchRecord, subjectID: String, lock: Bool, on db: PGConnection) throws {
        if lock { try self.lock(keys, on: db) }
        try addKeys(keys, subjectID: subjectID, on: db)
        try addTerms(of: record, subjectID: subjectID, on: db)
    }

    func addKeys(_ keys: [String], subjectID: String, on db: PGConnection) throws {
        try addKeys(keys.map { ($0, subjectID) }, on: db)
    }

    // MARK: Term frequencies

    /// Remembers the counts of the names at least `minimum` subjects share (and the subject
    /// total), as a process starting against a large store would otherwise count each of them
    /// on first sight: counting a name held by tens of thousands of subjects is the slowest
    /// step a lead can hit. Returns how many names were remembered; nothing below
    /// ``rememberFrom`` subjects, where every count is taken fresh anyway.
    @discardableResult
    func rememberCommonNames(in memory: MatcherMemory, minimum: Int = 1_000, on db: PGConnection) throws -> Int {
        let total = try subjectTotal(memory: memory, on: db)
        guard total >= Self.rememberFrom else { return 0 }
        let result = try db.execute(
            """
            SELECT term_kind, value, count(*) FROM \(table("subject_terms"))
            WHERE term_kind IN ('family', 'given') GROUP BY term_kind, value HAVING count(*) >= $1
            ORDER BY count(*) DESC LIMIT $2
            """, [PGValue(minimum), PGValue(MatcherMemory.capacity / 2)])
        var counts: [String: Int] = [:]
        for row in result.rows {
            counts[SubjectTerms.key(try row.decode(String.self, at: 0), try row.decode(String.self, at: 1))] =
                try row.decode(Int.self, at: 2)
        }
        memory.rememberNameCounts(counts)
        return counts.count
    }

    /// Below this many subjects every count is taken exactly, for every lead (it is cheap, and a
    /// small store's frequencies change quickly); from it on ``MatcherMemory`` is used.
    static let rememberFrom = 10_000

    /// The planner's estimate once the table is large (exact counting would scan it); exact below.
    func subjectTotal(memory: MatcherMemory, on db: PGConnection) throws -> Int {
        if let remembered = memory.subjectTotal() { return remembered }
        let total = try db.execute(
            """
            SELECT CASE WHEN c.reltuples >= $2 THEN c.reltuples::bigint
                        ELSE (SELECT count(*) FROM \(table("subjects"))) END
            FROM pg_class c WHERE c.oid = $1::regclass
            """, [PGValue(table("subjects")), PGValue(Self.rememberFrom)]
        ).rows.first.map { try $0.decode(Int.self, at: 0) } ?? 0
        if total >= Self.rememberFrom { memory.rememberSubjectTotal(total) }
        return total
    }

    func addTerms(of record: MatchRecord, subjectID: String, on db: PGConnection) throws {
        let terms = SubjectTerms(TermValues(record))
        try addTerms(zip(terms.kinds, terms.values).map { ($0, $1, subjectID) }, on: db)
    }

    // MARK: Subjects

    func createSubject(
        id: String, profile: SubjectProfile, primaryName: String, category: String, departed: Bool?, on db: PGConnection
    ) throws {
        let subject = StoredSubject(
            id: id, profile: profile, primaryName: primaryName, leadCount: 1, categories: [category], departed: departed)
        try insertSubjects([SubjectRow(subject: subject, changes: 1)], on: db)
    }

    /// The subject, following `merged_into` to the survivor if it was merged.
    ///
    /// `forUpdate` locks the row until the transaction ends, for a caller that merges into the
    /// profile and writes it back: two consumers linking leads to the same subject under
    /// different blocking keys (a passport for one, name and date for the other) take no common
    /// advisory lock, and without the row lock the second write would replace the first's
    /// merged values with a profile read before them.
    func subject(_ id: String, forUpdate: Bool = false, on db: PGConnection) throws -> StoredSubject? {
        var current = id
        for _ in 0..<16 {
            let result = try db.execute(
                """
                SELECT subject_id::text, status, merged_into::text, coalesce(packed, record::text), provenance::text, primary_name,
                       lead_count, categories, departed
                FROM \(table("subjects")) WHERE subject_id = $1::uuid
                """ + (forUpdate ? " FOR UPDATE" : ""), [PGValue(current)])
            guard let row = result.rows.first else { return nil }
            if try row.decode(String.self, at: 1) == "merged", let next = try row.decode(String?.self, at: 2) {
                current = next
                continue
            }
            let decoder = JSONDecoder()
            return StoredSubject(
                id: try row.decode(String.self, at: 0),
                profile: SubjectProfile(
                    record: try Self.record(try row.decode(String.self, at: 3)),
                    provenance: try decoder.decode(SubjectProvenance.self, from: Data(try row.decode(String.self, at: 4).utf8))),
                primaryName: try row.decode(String.self, at: 5), leadCount: try row.decode(Int.self, at: 6),
                categories: try row.decode([String].self, at: 7), departed: try row.decode(Bool?.self, at: 8))
        }
        return nil
    }

    /// Saves a merged profile; `addedLeads` is 1 when a new lead joined, 0 for a new revision.
    func updateSubject(
        _ subject: StoredSubject, addedLeads: Int, category: String, departed: Bool?, on db: PGConnection
    ) throws -> StoredSubject {
        let row = try db.execute(
            """
            UPDATE \(table("subjects"))
            SET record = $2::jsonb, provenance = $3::jsonb, lead_count = lead_count + $4,
                categories = CASE WHEN $5 = ANY (categories) THEN categories ELSE array_append(categories, $5) END,
                departed = COALESCE($6, departed), packed = $7, version = version + 1, updated_at = now()
            WHERE subject_id = $1::uuid
            RETURNING lead_count, categories, departed
            """,
            [
                PGValue(subject.id), PGValue(try Self.json(subject.profile.record)),
                PGValue(try Self.json(subject.profile.provenance)), PGValue(addedLeads), PGValue(category),
                PGValue(departed), PGValue(subject.profile.record.packed),
            ]
        ).rows[0]
        var updated = subject
        updated.leadCount = try row.decode(Int.self, at: 0)
        updated.categories = try row.decode([String].self, at: 1)
        updated.departed = try row.decode(Bool?.self, at: 2)
        return updated
    }

    // MARK: Links and reviews

    func link(_ leadID: String, on db: PGConnection) throws -> StoredLink? {
        try links([leadID], on: db)[leadID]
    }

    struct LinkRow: Sendable {
        var leadID: String
        var link: StoredLink
        var sourceSystem: String
        var sourceRecordID: String?
        var category: String
        var messageID: String
    }

    /// One candidate of a review item (ids and scores only).
    struct ReviewCandidate: Codable, Sendable {
        var subjectID: String
        var score: Double
    }

    /// Reviewers' decisions between any two of `subjectIDs`, keyed by the sorted pair.
    func pairDecisions(among subjectIDs: [String], on db: PGConnection) throws -> [SubjectPair: String] {
        guard subjectIDs.count > 1 else { return [:] }
        let rows = try db.execute(
            """
            SELECT subject_a::text, subject_b::text, decision FROM \(table("pair_decisions"))
            WHERE subject_a = ANY($1::uuid[]) AND subject_b = ANY($1::uuid[])
            """, [PGValue(subjectIDs)]
        ).rows
        var decisions: [SubjectPair: String] = [:]
        for row in rows {
            decisions[SubjectPair(try row.decode(String.self, at: 0), try row.decode(String.self, at: 1))] =
                try row.decode(String.self, at: 2)
        }
        return decisions
    }

    static func json(_ value: some Encodable) throws -> String {
        String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()
}

/// A record's term values as (kind, value) rows of `subject_terms`.
struct SubjectTerms {
    var kinds: [String] = []
    var values: [String] = []

    init() {}

    init(_ terms: TermValues) {
        for value in terms.families { append("family", value) }
        for value in terms.givens { append("given", value) }
        for value in terms.identifiers { append("id", value) }
        for address in terms.addresses { append("address", Self.addressValue(address)) }
    }

    /// The terms of `self` that `other` does not have.
    func subtracting(_ other: SubjectTerms) -> SubjectTerms {
        let known = Set(zip(other.kinds, other.values).map { Self.key($0, $1) })
        var rest = SubjectTerms()
        for (kind, value) in zip(kinds, values) where !known.contains(Self.key(kind, value)) { rest.append(kind, value) }
        return rest
    }

    private mutating func append(_ kind: String, _ value: String) {
        kinds.append(kind)
        values.append(value)
    }

    /// Name kinds are counted for frequency weights; the others only to recognise generic values.
    static func isName(_ kind: String) -> Bool { kind == "family" || kind == "given" }

    /// The ``key(_:_:)`` of each name term.
    var nameKeys: [String] {
        zip(kinds, values).filter { Self.isName($0.0) }.map { Self.key($0.0, $0.1) }
    }

    static func addressValue(_ address: Address) -> String { address.line + "\u{1F}" + (address.zip5 ?? "") }
    static func key(_ kind: String, _ value: String) -> String { kind + "\u{1E}" + value }
}

/// Term frequencies read from `subject_terms` for one lead's values.
///
/// Name frequencies are used only once there are `minimumSubjects` subjects: in a small
/// population every name looks common (one subject in one is 100 %), which would make a true
/// duplicate's exact name agreement count for nothing. Until then the model's averages apply.
struct StoredTermFrequencies: TermFrequencies {
    var subjectTotal: Int
    var counts: [String: Int]
    var countCap: Int
    var minimumSubjects = 1_000

    private func nameFrequency(_ kind: String, _ value: String) -> Double? {
        guard subjectTotal >= minimumSubjects, let count = counts[SubjectTerms.key(kind, value)], count > 0,
            count < countCap
        else { return nil }
        return min(1, Double(count) / Double(subjectTotal))
    }

    func frequency(ofFamily name: String) -> Double? { nameFrequency("family", name) }
    func frequency(ofGiven name: String) -> Double? { nameFrequency("given", name) }

    func subjectCount(sharingIdentifier type: String, issuer: String?, value: String) -> Int? {
        counts[SubjectTerms.key("id", TermValues.identifierKey(type: type, issuer: issuer, value: value))]
    }

    func subjectCount(sharingAddress address: Address) -> Int? {
        counts[SubjectTerms.key("address", SubjectTerms.addressValue(address))]
    }
}

/// Two subject ids in the order `pair_decisions` keeps them (`subject_a < subject_b`).
struct SubjectPair: Hashable, Sendable {
    let a: String
    let b: String

    init(_ x: String, _ y: String) {
        let (x, y) = (x.lowercased(), y.lowercased())
        (a, b) = x < y ? (x, y) : (y, x)
    }
}
