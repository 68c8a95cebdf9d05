import LeadTracContracts
import LeadTracStorage
import MatcherCore

/// What one consumer loop's batch of leads has read, and has decided but not yet written
/// (``LeadMatchingHandler``).
///
/// A lead later in the batch must see what an earlier one did (two records of one new person
/// in one batch make one subject), so everything the batch will write is kept here in the form
/// retrieval and scoring read it: blocking keys and packed records as the index's own rows,
/// term values as counts, subjects as rows held for update, links by lead. ``flush(_:on:)``
/// writes it all with one statement per table, at the end of the batch (or, while candidates
/// still come from SQL, before each retrieval, so that SQL sees it).
struct MatchBatch: Sendable {
    /// A lead of the batch, decoded and keyed.
    struct Lead: Sendable {
        var id: String
        var received: LeadReceived
        var record: MatchRecord
        var prepared: PreparedRecord
        var keys: [BlockingKey]
        /// `keys` less those known to be generic: what is locked and looked up.
        var lookup: [BlockingKey]
    }

    /// A subject the batch holds: read `FOR UPDATE` (locked until commit) or created by it.
    struct Subject: Sendable {
        var subject: StoredSubject
        /// The row exists in PostgreSQL (read, or written by an earlier flush).
        var stored: Bool
        /// Changes not yet written; creation counts as one.
        var changes: Int
    }

    /// Leads prepared (locked, their links read), by event id.
    var leads: [String: Lead] = [:]
    /// Whether retrieval reads the in-memory index, decided when the batch is first prepared.
    var useIndex: Bool?
    /// Links as stored before the batch and as the batch decided them, by lead id.
    var links: [String: StoredLink] = [:]
    /// Subject total and term counts as stored before the batch.
    var subjectTotal = 0
    var termCounts: [String: Int] = [:]
    /// Subjects the batch created (counted in the total it scores with).
    var createdSubjects = 0
    /// Per term key, the subjects the batch gave that term (not in ``termCounts``).
    var addedTerms: [String: Set<String>] = [:]
    /// Subjects held, by id; and a requested id that was merged into another → that one.
    var subjects: [String: Subject] = [:]
    var resolved: [String: String] = [:]
    /// The batch's keys and records as retrieval's own rows.
    var own = BlockingIndex.Own()

    // Not yet written:
    var keysToLock: [String] = []
    var keyRows: [(key: String, subjectID: String)] = []
    var termRows: [(kind: String, value: String, subjectID: String)] = []
    var linkRows: [SubjectStore.LinkRow] = []
    var reviewRows: [SubjectStore.ReviewRow] = []

    /// The term counts a lead is scored with: as stored, plus the batch's own subjects.
    func frequencies(for record: MatchRecord) -> StoredTermFrequencies {
        var counts: [String: Int] = [:]
        let terms = SubjectTerms(TermValues(record))
        for (kind, value) in zip(terms.kinds, terms.values) {
            let key = SubjectTerms.key(kind, value)
            if let stored = termCounts[key] { counts[key] = stored + (addedTerms[key]?.count ?? 0) }
        }
        return StoredTermFrequencies(
            subjectTotal: subjectTotal + createdSubjects, counts: counts, countCap: SubjectStore.nameCountCap)
    }

    /// A held subject, following a merge resolved earlier in the batch.
    func held(_ id: String) -> StoredSubject? {
        subjects[resolved[id] ?? id]?.subject
    }

    /// Holds a subject read `FOR UPDATE` (requested as `id`).
    mutating func hold(_ subject: StoredSubject, requestedAs id: String) {
        if id != subject.id { resolved[id] = subject.id }
        if subjects[subject.id] == nil { subjects[subject.id] = Subject(subject: subject, stored: true, changes: 0) }
    }

    /// A new subject, indexed under `keys` (already locked: they are the lead's usable keys).
    mutating func create(_ subject: StoredSubject, keys: [String]) {
        subjects[subject.id] = Subject(subject: subject, stored: false, changes: 1)
        createdSubjects += 1
        index(subject, keys: keys, terms: SubjectTerms(TermValues(subject.profile.record)))
    }

    /// A held subject changed; `newKeys` (not yet locked) and `newTerms` are those it did not have.
    mutating func update(_ subject: StoredSubject, newKeys: [String], newTerms: SubjectTerms) {
        subjects[subject.id]!.subject = subject
        subjects[subject.id]!.changes += 1
        keysToLock += newKeys
        index(subject, keys: newKeys, terms: newTerms)
    }

    private mutating func index(_ subject: StoredSubject, keys: [String], terms: SubjectTerms) {
        let id = SubjectKey(subject.id)
        for key in keys {
            keyRows.append((key, subject.id))
            own.keys[BlockingIndex.hash(key), default: []].append(id)
        }
        for (kind, value) in zip(terms.kinds, terms.values) {
            termRows.append((kind, value, subject.id))
            addedTerms[SubjectTerms.key(kind, value), default: []].insert(subject.id)
        }
        let record = subject.profile.record
        own.records[id] = BlockingIndex.CachedRecord(packed: record.packed, activeKind: record.kind.rawValue)
    }

    mutating func save(_ row: SubjectStore.LinkRow) {
        links[row.leadID] = row.link
        linkRows.append(row)
    }

    /// Writes what is pending, one statement per table (new keys of merged subjects are locked
    /// first, so the write is serialised with any lead that could now find the subject).
    mutating func flush(_ store: SubjectStore, on db: PGConnection) throws {
        try store.lock(keysToLock, on: db)
        var inserts: [SubjectStore.SubjectRow] = []
        var updates: [SubjectStore.SubjectRow] = []
        for (id, held) in subjects where held.changes > 0 {
            let row = SubjectStore.SubjectRow(subject: held.subject, changes: held.changes)
            if held.stored { updates.append(row) } else { inserts.append(row) }
            subjects[id]!.stored = true
            subjects[id]!.changes = 0
        }
        try store.insertSubjects(inserts, on: db)
        try store.updateSubjects(updates, on: db)
        try store.addKeys(keyRows, on: db)
        try store.addTerms(termRows, on: db)
        // One row per lead in a statement: a later decision about a lead replaces an earlier one.
        var last: [String: Int] = [:]
        for (index, row) in linkRows.enumerated() { last[row.leadID] = index }
        try store.saveLinks(linkRows.indices.filter { last[linkRows[$0].leadID] == $0 }.map { linkRows[$0] }, on: db)
        try store.createReviews(reviewRows, on: db)
        keysToLock.removeAll()
        keyRows.removeAll()
        termRows.removeAll()
        linkRows.removeAll()
        reviewRows.removeAll()
    }
}
