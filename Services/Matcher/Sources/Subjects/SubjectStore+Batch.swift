import LeadTracContracts
import LeadTracStorage
import MatcherCore

/// The matcher's reads and writes for a whole batch of leads, one statement each
/// (``LeadMatchingHandler``): a lead costs the batch's statements divided by its size, not ten
/// round trips of its own.
extension SubjectStore {
    // MARK: Reads

    /// The stored links of those of `leadIDs` that have one, by lead id.
    func links(_ leadIDs: [String], on db: PGConnection) throws -> [String: StoredLink] {
        guard !leadIDs.isEmpty else { return [:] }
        let result = try db.execute(
            """
            SELECT lead_id::text, subject_id::text, decision, score, explanation::text, summary::text, review_id::text,
                   revision
            FROM \(table("lead_links")) WHERE lead_id = ANY($1::uuid[])
            """, [PGValue(leadIDs)])
        var links: [String: StoredLink] = [:]
        for row in result.rows {
            guard let decision = LeadMatched.Decision(rawValue: try row.decode(String.self, at: 2)) else { continue }
            links[try row.decode(String.self, at: 0)] = StoredLink(
                subjectID: try row.decode(String.self, at: 1), decision: decision, score: try row.decode(Double?.self, at: 3),
                explanation: Array(try row.decode(String.self, at: 4).utf8),
                summary: Array(try row.decode(String.self, at: 5).utf8), reviewID: try row.decode(String?.self, at: 6),
                revision: try row.decode(Int.self, at: 7))
        }
        return links
    }

    /// Counts of subjects sharing the records' name, identifier and address values, keyed by
    /// ``SubjectTerms/key(_:_:)``, and the subject total.
    ///
    /// Why a table of (value, subject) rows counted on demand rather than counters: counters of
    /// common names would be rows every consumer updates, so concurrent batches would queue on
    /// them (and deadlock) until commit; insert-only rows never conflict. Counting stops at a
    /// cap: a name that common (`nameCountCap`) gets the model's average weight (no adjustment);
    /// identifiers and addresses only need to be known generic (`valueCountCap`).
    ///
    /// Once the store is large (``MatcherMemory``), name counts and the subject total come from
    /// `memory` while fresh, and what is counted is remembered: counting "garcia" among
    /// millions for every lead would cost more than matching it. An identifier or address value
    /// counted up to `valueCountCap` is remembered as generic at any size, and reported at the
    /// cap from then on: a merge or split moves a value between subjects one at a time, so it
    /// stays far above every model's generic limit.
    func termCounts(
        for records: [MatchRecord], memory: MatcherMemory, nameCountCap: Int = nameCountCap, valueCountCap: Int = 100,
        on db: PGConnection
    ) throws -> (subjectTotal: Int, counts: [String: Int]) {
        let total = try subjectTotal(memory: memory, on: db)
        let atScale = total >= Self.rememberFrom
        var wanted: [String: (kind: String, value: String)] = [:]
        for record in records {
            let terms = SubjectTerms(TermValues(record))
            for (kind, value) in zip(terms.kinds, terms.values) { wanted[SubjectTerms.key(kind, value)] = (kind, value) }
        }
        var counts = atScale ? memory.nameCounts(wanted.keys.filter { SubjectTerms.isName(wanted[$0]!.kind) }) : [:]
        for key in memory.genericValues(among: wanted.keys.filter { !SubjectTerms.isName(wanted[$0]!.kind) }) {
            counts[key] = valueCountCap
        }
        var ask = (kinds: [String](), values: [String](), caps: [Int]())
        for (key, term) in wanted where counts[key] == nil {
            ask.kinds.append(term.kind)
            ask.values.append(term.value)
            ask.caps.append(SubjectTerms.isName(term.kind) ? nameCountCap : valueCountCap)
        }
        if !ask.kinds.isEmpty {
            let result = try db.execute(
                """
                SELECT t.kind, t.value,
                       (SELECT count(*) FROM (SELECT 1 FROM \(table("subject_terms")) st
                                              WHERE st.term_kind = t.kind AND st.value = t.value LIMIT t.cap) c)
                FROM unnest($1::text[], $2::text[], $3::int[]) AS t(kind, value, cap)
                """, [PGValue(ask.kinds), PGValue(ask.values), PGValue(ask.caps)])
            var names: [String: Int] = [:]
            var generic: [String] = []
            for row in result.rows {
                let kind = try row.decode(String.self, at: 0)
                let key = SubjectTerms.key(kind, try row.decode(String.self, at: 1))
                let count = try row.decode(Int.self, at: 2)
                counts[key] = count
                if SubjectTerms.isName(kind) {
                    names[key] = count
                } else if count >= valueCountCap {
                    generic.append(key)
                }
            }
            if atScale { memory.rememberNameCounts(names) }
            memory.rememberGenericValues(generic)
        }
        return (total, counts)
    }

    /// A name shared by this many subjects or more gets the model's average weight.
    static let nameCountCap = 50_000

    // MARK: Writes

    /// A subject row as the batch writes it, with the number of changes the batch made to it
    /// (its creation counts as one): the row's `version` is that many higher afterwards.
    struct SubjectRow {
        var subject: StoredSubject
        var changes: Int
    }

    /// Inserts new subjects.
    func insertSubjects(_ rows: [SubjectRow], on db: PGConnection) throws {
        guard !rows.isEmpty else { return }
        let subjects = rows.map(\.subject)
        try db.execute(
            """
            INSERT INTO \(table("subjects")) (subject_id, kind, record, provenance, primary_name, lead_count, categories,
                                               departed, packed, version)
            SELECT id, kind, record::jsonb, provenance::jsonb, name, leads, string_to_array(categories, E'\\x1f'),
                   departed, packed, changes
            FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::int[], $7::text[], $8::bool[],
                        $9::text[], $10::int[])
                 AS s(id, kind, record, provenance, name, leads, categories, departed, packed, changes)
            """,
            try subjectColumns(subjects) + [PGValue(rows.map(\.changes))])
    }

    /// Writes the merged state of subjects the batch read with `FOR UPDATE` (so the values it
    /// computed from that row are the row's values now).
    func updateSubjects(_ rows: [SubjectRow], on db: PGConnection) throws {
        guard !rows.isEmpty else { return }
        try db.execute(
            """
            UPDATE \(table("subjects")) AS t
            SET record = s.record::jsonb, provenance = s.provenance::jsonb, lead_count = s.leads,
                categories = string_to_array(s.categories, E'\\x1f'), departed = s.departed, packed = s.packed,
                version = t.version + s.changes, updated_at = now()
            FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::int[], $7::text[], $8::bool[],
                        $9::text[], $10::int[])
                 AS s(id, kind, record, provenance, name, leads, categories, departed, packed, changes)
            WHERE t.subject_id = s.id
            """,
            try subjectColumns(rows.map(\.subject)) + [PGValue(rows.map(\.changes))])
    }

    /// `$1`–`$9` of ``insertSubjects(_:on:)`` and ``updateSubjects(_:on:)``. Categories travel
    /// as one text each (unit separator between them): `unnest` of a text[][] would flatten it.
    private func subjectColumns(_ subjects: [StoredSubject]) throws -> [PGValue] {
        [
            PGValue(subjects.map(\.id)), PGValue(subjects.map(\.profile.record.kind.rawValue)),
            PGValue(try subjects.map { try Self.json($0.profile.record) }),
            PGValue(try subjects.map { try Self.json($0.profile.provenance) }), PGValue(subjects.map(\.primaryName)),
            PGValue(subjects.map(\.leadCount)), PGValue(subjects.map { $0.categories.joined(separator: "\u{1F}") }),
            PGValue(subjects.map(\.departed)), PGValue(subjects.map(\.profile.record.packed)),
        ]
    }

    /// Blocking key rows (key, subject); rows already there are kept.
    func addKeys(_ rows: [(key: String, subjectID: String)], on db: PGConnection) throws {
        guard !rows.isEmpty else { return }
        try db.execute(
            """
            INSERT INTO \(table("subject_keys")) (key, subject_id)
            SELECT * FROM unnest($1::text[], $2::uuid[]) ON CONFLICT DO NOTHING
            """, [PGValue(rows.map(\.key)), PGValue(rows.map(\.subjectID))])
    }

    /// Term rows (kind, value, subject); rows already there are kept.
    func addTerms(_ rows: [(kind: String, value: String, subjectID: String)], on db: PGConnection) throws {
        guard !rows.isEmpty else { return }
        try db.execute(
            """
            INSERT INTO \(table("subject_terms")) (term_kind, value, subject_id)
            SELECT * FROM unnest($1::text[], $2::text[], $3::uuid[]) ON CONFLICT DO NOTHING
            """, [PGValue(rows.map(\.kind)), PGValue(rows.map(\.value)), PGValue(rows.map(\.subjectID))])
    }

    /// Saves the links (at most one row per lead: a later decision replaces an earlier one).
    func saveLinks(_ rows: [LinkRow], on db: PGConnection) throws {
        guard !rows.isEmpty else { return }
        try db.execute(
            """
            INSERT INTO \(table("lead_links")) (lead_id, subject_id, decision, score, explanation, summary, review_id,
                                                source_system, source_record_id, revision, category, message_id)
            SELECT lead, subject, decision, score, explanation::jsonb, summary::jsonb, review, system, record, revision,
                   category, message
            FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::float8[], $5::text[], $6::text[], $7::uuid[], $8::text[],
                        $9::text[], $10::int[], $11::text[], $12::text[])
                 AS l(lead, subject, decision, score, explanation, summary, review, system, record, revision, category,
                      message)
            ON CONFLICT (lead_id) DO UPDATE SET
                subject_id = EXCLUDED.subject_id, decision = EXCLUDED.decision, score = EXCLUDED.score,
                explanation = EXCLUDED.explanation, summary = EXCLUDED.summary, review_id = EXCLUDED.review_id,
                source_system = EXCLUDED.source_system, source_record_id = EXCLUDED.source_record_id,
                revision = EXCLUDED.revision, category = EXCLUDED.category, message_id = EXCLUDED.message_id,
                updated_at = now()
            """,
            [
                PGValue(rows.map(\.leadID)), PGValue(rows.map(\.link.subjectID)), PGValue(rows.map(\.link.decision.rawValue)),
                PGValue(rows.map(\.link.score)), PGValue(rows.map { String(decoding: $0.link.explanation, as: UTF8.self) }),
                PGValue(rows.map { String(decoding: $0.link.summary, as: UTF8.self) }), PGValue(rows.map(\.link.reviewID)),
                PGValue(rows.map(\.sourceSystem)), PGValue(rows.map(\.sourceRecordID)), PGValue(rows.map(\.link.revision)),
                PGValue(rows.map(\.category)), PGValue(rows.map(\.messageID)),
            ])
    }

    /// A review item as the batch writes it.
    struct ReviewRow {
        var id: String
        var leadID: String
        var revision: Int
        var subjectID: String
        var candidates: [ReviewCandidate]
    }

    func createReviews(_ rows: [ReviewRow], on db: PGConnection) throws {
        guard !rows.isEmpty else { return }
        try db.execute(
            """
            INSERT INTO \(table("review_items")) (review_id, lead_id, revision, subject_id, candidates)
            SELECT id, lead, revision, subject, candidates::jsonb
            FROM unnest($1::uuid[], $2::uuid[], $3::int[], $4::uuid[], $5::text[]) AS r(id, lead, revision, subject, candidates)
            """,
            [
                PGValue(rows.map(\.id)), PGValue(rows.map(\.leadID)), PGValue(rows.map(\.revision)),
                PGValue(rows.map(\.subjectID)), PGValue(try rows.map { try Self.json($0.candidates) }),
            ])
    }
}
