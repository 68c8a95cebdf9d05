import Foundation
import LeadTracContracts
import LeadTracDomain
import LeadTracMessaging
import LeadTracRuntime
import LeadTracStorage
import MatcherCore
import Synchronization

/// Matches each `lead.received.v1` to a subject and announces it as `lead.matched.v1`.
///
/// A batch at a time, in the consumer's batch transaction (one handler per consumer loop; the
/// loops share the ``BlockingIndex`` and the ``MatcherMemory``):
/// 1. `prepareBatch`: decode every lead and map it to a `MatchRecord`; compute its blocking
///    keys, less those this process already knows to be generic; lock the lead ids and all those
///    keys (`pg_advisory_xact_lock`, sorted, one statement): two consumers handling the same new
///    person queue here, and the second sees the first's subject once it commits
///    (docs/architecture.md, "Matcher"); then catch the index up, and read the leads' stored
///    links and the term counts of their values, one statement each;
/// 2. per lead, in order: a lead already linked keeps its subject (the same revision re-emits
///    the stored decision, so a replay decides nothing again; a newer one merges its attributes,
///    `existingLink`; an older one is ignored);
/// 3. otherwise retrieve candidates from the process's ``BlockingIndex`` once it has loaded (from
///    PostgreSQL before, ``SubjectStore/retrieve(_:cap:limit:kind:on:)``, with the same result):
///    blocks over the cap are generic and skipped (remembered, logged by kind, never by value);
///    of the subjects in the others, the `maxCandidates` sharing the most evidence are scored;
/// 4. decide: auto-link (merge into the subject, read `FOR UPDATE`), new subject, or review (a
///    new subject of its own plus a review item naming the candidates: never a guessed link);
/// 5. `finishBatch`: write the batch's subjects, keys, terms, links and review items, one
///    statement each (``MatchBatch``). Later leads of the batch saw the earlier ones' work in memory.
///
/// Rejections (dead-lettered at once): `contract.unknown-type`, `contract.undecodable`,
/// `lead.invalid-id` (the lead id is not a UUID or the revision is below 1).
final class LeadMatchingHandler: MessageHandler {
    let store: SubjectStore
    let configuration: MatcherConfiguration
    /// Generic keys and name counts, shared by the consumer loops of this process.
    let memory: MatcherMemory
    /// Every subject's blocking keys, once loaded (``MatcherConfiguration/memoryIndex``).
    let index: BlockingIndex
    /// This loop's batch (only its own thread touches it; the lock is never contended).
    private let batch = Mutex(MatchBatch())

    init(store: SubjectStore, configuration: MatcherConfiguration, index: BlockingIndex, memory: MatcherMemory) {
        self.store = store
        self.configuration = configuration
        self.index = index
        self.memory = memory
    }

    func beginBatch() {
        batch.withLock { $0 = MatchBatch() }
    }

    func prepareBatch(_ events: [CloudEvent], database: PGConnection) throws {
        try batch.withLock { batch in
            try prepare(events.compactMap { try? lead(of: $0) }, into: &batch, on: database)
        }
    }

    func handle(_ event: CloudEvent, context: HandlerContext) throws {
        try batch.withLock { batch in
            if batch.leads[event.id] == nil { try prepare([try lead(of: event)], into: &batch, on: context.database) }
            try match(batch.leads[event.id]!, event: event, context: context, batch: &batch)
        }
    }

    func finishBatch(database: PGConnection) throws {
        try batch.withLock { batch in try batch.flush(store, on: database) }
    }

    // MARK: Preparing the batch

    /// The lead an event carries, keyed.
    private func lead(of event: CloudEvent) throws -> (String, MatchBatch.Lead) {
        guard event.type == EventType.leadReceived else {
            throw MessageRejection(code: "contract.unknown-type", message: "the matcher does not know this event type")
        }
        let received: LeadReceived
        do {
            received = try ContractCoding.decoder().decode(LeadReceived.self, from: Data(event.data))
        } catch {
            throw MessageRejection(code: "contract.undecodable", message: "the body is not a lead.received.v1 record")
        }
        guard let uuid = UUID(uuidString: received.leadID), received.revision >= 1 else {
            throw MessageRejection(code: "lead.invalid-id", message: "leadID must be a UUID and revision at least 1")
        }
        let record = MatchRecordMapper.matchRecord(for: received.lead)
        let prepared = PreparedRecord(record)
        let keys = blockingKeys(for: prepared)
        let knownGeneric = memory.genericKeys(among: keys.map(\.text))
        return (
            event.id,
            MatchBatch.Lead(
                id: uuid.uuidString.lowercased(), received: received, record: record, prepared: prepared, keys: keys,
                lookup: keys.filter { !knownGeneric.contains($0.text) })
        )
    }

    /// Locks the leads' ids and keys, catches the index up, reads their links and term counts.
    private func prepare(_ leads: [(String, MatchBatch.Lead)], into batch: inout MatchBatch, on db: PGConnection) throws {
        guard !leads.isEmpty else { return }
        try store.lock(leads.flatMap { ["lead:\($0.1.id)"] + $0.1.lookup.map(\.text) }, on: db)
        if batch.useIndex == nil { batch.useIndex = configuration.memoryIndex && index.isReady }
        if batch.useIndex == true {
            _ = try index.catchUp(keys: [], schema: store.schema, on: db)  // nothing of this batch is written yet
        }
        let stored = try store.links(leads.map(\.1.id), on: db)
        for (id, link) in stored where batch.links[id] == nil { batch.links[id] = link }
        let counts = try store.termCounts(for: leads.map(\.1.record), memory: memory, on: db)
        batch.subjectTotal = counts.subjectTotal
        batch.termCounts.merge(counts.counts) { old, _ in old }
        for (eventID, lead) in leads { batch.leads[eventID] = lead }
    }

    // MARK: Matching one lead

    private func match(_ lead: MatchBatch.Lead, event: CloudEvent, context: HandlerContext, batch: inout MatchBatch) throws {
        var logger = context.logger
        logger[metadataKey: "lead.id"] = "\(lead.received.leadID)"
        let work = Work(
            leadID: lead.id, received: lead.received,
            leadJSON: try EncodedJSON.member("lead", of: event.data).map { Array($0) } ?? EncodedJSON.value(lead.received.lead),
            record: lead.record, event: event, context: context)
        if let link = batch.links[lead.id] {
            if lead.received.revision == link.revision {
                try emitMatched(link, work)  // a replay: the decision stands
            } else if lead.received.revision > link.revision {
                try relink(work, link: link, batch: &batch)
            } else {
                logger.info("older revision of a linked lead ignored", metadata: ["lead.revision": "\(lead.received.revision)"])
            }
            return
        }

        let db = context.database
        if configuration.memoryIndex {
            index.startLoading(schema: store.schema, database: db.configuration, logger: context.logger)
        }
        let retrieval: SubjectStore.Retrieval
        if batch.useIndex == true {
            retrieval = try index.candidates(
                lead.lookup, cap: configuration.blockCap, limit: configuration.maxCandidates, kind: lead.record.kind,
                own: batch.own, store: store, on: db)
        } else {
            try batch.flush(store, on: db)  // SQL retrieval sees what the batch decided so far
            retrieval = try store.retrieve(
                lead.lookup, cap: configuration.blockCap, limit: configuration.maxCandidates, kind: lead.record.kind, on: db)
        }
        memory.rememberGeneric(retrieval.genericKeys)
        let generic = Set(lead.keys.map(\.text)).subtracting(lead.lookup.map(\.text)).union(retrieval.genericKeys)
        let genericByKind = Dictionary(grouping: lead.keys.filter { generic.contains($0.text) }) { $0.kind.rawValue }
            .mapValues(\.count)
        if !genericByKind.isEmpty {
            logger.debug(
                "generic blocking keys skipped",
                metadata: ["match.generic_keys": "\(genericByKind.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ","))"])
        }
        let scorer = MatchScorer(frequencies: batch.frequencies(for: lead.record))
        let decision = decide(
            candidates: retrieval.candidates.map {
                ScoredCandidate(subjectID: $0.id, score: scorer.score(lead.prepared, against: PreparedRecord($0.record)))
            },
            thresholds: configuration.thresholds)
        let explanation = Explanation.make(decision, sharing: retrieval.sharing, genericKeys: genericByKind)
        let score = decision.candidates.first?.score.total
        let usableKeys = lead.keys.map(\.text).filter { !generic.contains($0) }

        switch decision.outcome {
        case .autoLink(let subjectID):
            guard let subject = try heldSubject(subjectID, batch: &batch, on: db) else {
                throw MatcherError(message: "candidate subject vanished")
            }
            let prior = subject.leadCount
            let (updated, added) = merge(work, into: subject, addedLeads: 1, batch: &batch)
            let summary = updated.summary(priorLeadCount: prior)
            let link = try StoredLink(
                subjectID: updated.id, decision: .autoLink, score: score, explanation: explanation, summary: summary,
                reviewID: nil, revision: lead.received.revision)
            save(link, work, batch: &batch)
            try emitUpdated(updated, added: added, decision: link.decision, summary: summary, work)
            try emitMatched(link, work)
        case .newSubject:
            let link = try createSubject(
                work, keys: usableKeys, decision: .newSubject, score: score, explanation: explanation, reviewID: nil,
                batch: &batch)
            try emitMatched(link, work)
        case .review(let subjectIDs):
            let reviewID = UUID().uuidString.lowercased()
            let link = try createSubject(
                work, keys: usableKeys, decision: .review, score: score, explanation: explanation, reviewID: reviewID,
                batch: &batch)
            let scores = Dictionary(decision.candidates.map { ($0.subjectID, $0.score.total) }) { a, _ in a }
            let asked = Self.unaskedCandidates(subjectIDs, decisions: try store.pairDecisions(among: subjectIDs, on: db))
            batch.reviewRows.append(
                .init(
                    id: reviewID, leadID: lead.id, revision: lead.received.revision, subjectID: link.subjectID,
                    candidates: asked.map { .init(subjectID: $0, score: scores[$0] ?? 0) }))
            try emitMatched(link, work)
        }
    }

    /// The subject as the batch holds it, or read from PostgreSQL `FOR UPDATE` and held.
    ///
    /// Why lock the row: two consumers linking leads to the same subject under different
    /// blocking keys (a passport for one, name and date for the other) take no common advisory
    /// lock, and without the row lock the second write would replace the first's merged values
    /// with a profile read before them.
    private func heldSubject(_ id: String, batch: inout MatchBatch, on db: PGConnection) throws -> StoredSubject? {
        if let held = batch.held(id) { return held }
        guard let subject = try store.subject(id, forUpdate: true, on: db) else { return nil }
        batch.hold(subject, requestedAs: id)
        return batch.held(id)
    }

    /// The review candidates (best first) without those a reviewer already declared `different`
    /// from a better-ranked candidate that stays.
    ///
    /// Why: two candidates close to each other are what makes a lead ambiguous, and the question
    /// they raise ("are these two subjects one?") was answered: the pair is not asked again. The
    /// lead agrees at least as well with the better one, which stays; the decision itself is
    /// unchanged (a human decision about other records never turns into an automatic link). If
    /// the lead was in fact the dropped one's, that is a missed link, not a wrong one.
    static func unaskedCandidates(_ ranked: [String], decisions: [SubjectPair: String]) -> [String] {
        var kept: [String] = []
        for id in ranked where !kept.contains(where: { decisions[SubjectPair($0, id)] == "different" }) {
            kept.append(id)
        }
        return kept
    }

    /// What the steps share about the lead being handled.
    private struct Work {
        let leadID: String
        let received: LeadReceived
        /// The lead as it came in `lead.received.v1`, encoded: `lead.matched.v1` carries it on.
        let leadJSON: [UInt8]
        let record: MatchRecord
        let event: CloudEvent
        let context: HandlerContext

        var lead: CanonicalLead { received.lead }
        var source: SourceRef {
            SourceRef(leadID: leadID, system: lead.provenance.system, recordID: lead.provenance.sourceRecordID)
        }
        var category: String { lead.category.rawValue }
        /// Whether the lead's latest travel event is a departure (nil without travel events).
        var departed: Bool? {
            guard let latest = lead.person?.travel.max(by: { $0.date < $1.date }) else { return nil }
            return latest.direction == .departure
        }
        var primaryName: String {
            switch lead.subject {
            case .person(let person): person.name.original
            case .organisation(let organisation): organisation.name
            }
        }
    }

    /// A new revision of a linked lead: it stays with its subject, which gains what it adds.
    private func relink(_ work: Work, link: StoredLink, batch: inout MatchBatch) throws {
        guard let subject = try heldSubject(link.subjectID, batch: &batch, on: work.context.database) else {
            throw MatcherError(message: "linked subject vanished")
        }
        let (updated, added) = merge(work, into: subject, addedLeads: 0, batch: &batch)
        let explanation = MatchExplanation(
            candidatesConsidered: 0, candidates: [], reasons: ["existingLink"],
            thresholds: Explanation.thresholds(configuration.thresholds))
        let summary = updated.summary(priorLeadCount: max(0, updated.leadCount - 1))
        let newLink = try StoredLink(
            subjectID: updated.id, decision: .existingLink, score: nil, explanation: explanation, summary: summary,
            reviewID: nil, revision: work.received.revision)
        save(newLink, work, batch: &batch)
        if !added.isEmpty { try emitUpdated(updated, added: added, decision: newLink.decision, summary: summary, work) }
        try emitMatched(newLink, work)
    }

    /// Merges the lead into the held subject; the keys and terms it gains are indexed (its new
    /// keys are locked before they are written, see ``MatchBatch/flush(_:on:)``).
    private func merge(_ work: Work, into subject: StoredSubject, addedLeads: Int, batch: inout MatchBatch)
        -> (StoredSubject, SubjectUpdated.Added)
    {
        var merged = subject
        let added = merged.profile.merge(work.record, from: work.source)
        merged.leadCount += addedLeads
        if !merged.categories.contains(work.category) { merged.categories.append(work.category) }
        merged.departed = work.departed ?? merged.departed
        var newKeys: [String] = []
        var newTerms = SubjectTerms()
        if !added.isEmpty {
            // Only keys and terms the merged record has and the subject had not (the others are indexed).
            let before = Set(blockingKeys(for: subject.profile.record).map(\.text))
            let new = blockingKeys(for: merged.profile.record).map(\.text).filter { !before.contains($0) }
            let generic = memory.genericKeys(among: new)
            newKeys = new.filter { !generic.contains($0) }
            newTerms = SubjectTerms(TermValues(merged.profile.record)).subtracting(SubjectTerms(TermValues(subject.profile.record)))
        }
        batch.update(merged, newKeys: newKeys, newTerms: newTerms)
        return (merged, added)
    }

    /// A new subject from the lead, indexed under `keys` (the lead's usable keys, locked already).
    private func createSubject(
        _ work: Work, keys: [String], decision: LeadMatched.Decision, score: Double?, explanation: MatchExplanation,
        reviewID: String?, batch: inout MatchBatch
    ) throws -> StoredLink {
        let id = UUID().uuidString.lowercased()
        let subject = StoredSubject(
            id: id, profile: SubjectProfile(newFrom: work.record, source: work.source), primaryName: work.primaryName,
            leadCount: 1, categories: [work.category], departed: work.departed)
        batch.create(subject, keys: keys)
        let summary = subject.summary(priorLeadCount: 0)
        let link = try StoredLink(
            subjectID: id, decision: decision, score: score, explanation: explanation, summary: summary,
            reviewID: reviewID, revision: work.received.revision)
        save(link, work, batch: &batch)
        work.context.emit(
            type: EventType.subjectCreated,
            data: try ContractCoding.encoder().encode(
                SubjectCreated(
                    subjectID: id, leadID: work.leadID, revision: work.received.revision, decision: decision,
                    subject: summary)).bytes,
            subject: id, discriminator: id, causedBy: work.event)
        return link
    }

    private func save(_ link: StoredLink, _ work: Work, batch: inout MatchBatch) {
        batch.save(
            .init(
                leadID: work.leadID, link: link, sourceSystem: work.lead.provenance.system,
                sourceRecordID: work.lead.provenance.sourceRecordID, category: work.category, messageID: work.event.id))
    }

    private func emitUpdated(
        _ subject: StoredSubject, added: SubjectUpdated.Added, decision: LeadMatched.Decision, summary: SubjectSummary,
        _ work: Work
    ) throws {
        work.context.emit(
            type: EventType.subjectUpdated,
            data: try ContractCoding.encoder().encode(
                SubjectUpdated(
                    subjectID: subject.id, leadID: work.leadID, revision: work.received.revision,
                    decision: decision, added: added, subject: summary)).bytes,
            subject: subject.id, discriminator: "\(subject.id)#\(work.leadID)#\(work.received.revision)",
            causedBy: work.event)
    }

    private func emitMatched(_ link: StoredLink, _ work: Work) throws {
        let body = try LeadMatched.body(
            leadID: work.leadID, revision: link.revision, subjectID: link.subjectID, decision: link.decision,
            score: link.score, reviewID: link.reviewID, explanation: link.explanation, subject: link.summary,
            lead: work.leadJSON)
        work.context.emit(
            type: EventType.leadMatched, data: body,
            subject: work.leadID, discriminator: "\(work.leadID)#\(link.revision)", causedBy: work.event)
    }
}

/// A state the matcher's own data should never be in (retried, then dead-lettered as
/// `handler.failed`). The message names no personal data.
struct MatcherError: Error, CustomStringConvertible {
    let message: String
    var description: String { "matcher: \(message)" }
}

extension Data {
    fileprivate var bytes: [UInt8] { Array(self) }
}
