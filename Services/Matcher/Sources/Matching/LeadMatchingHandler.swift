import Foundation
import LeadTracContracts
import LeadTracDomain
import LeadTracMessaging
import LeadTracRuntime
import LeadTracStorage
import MatcherCore

/// Matches each `lead.received.v1` to a subject and announces it as `lead.matched.v1`.
///
/// In the consumer's batch transaction:
/// 1. decode the lead and map it to a `MatchRecord`; compute its blocking keys, less those this
///    process already knows to be generic (``MatcherMemory``);
/// 2. lock the lead id and those keys (`pg_advisory_xact_lock`, sorted, one statement): two
///    consumers handling the same new person queue here, and the second sees the first's
///    subject once it commits (docs/architecture.md, "Matcher");
/// 3. a lead already linked keeps its subject: the same revision re-emits the stored decision
///    (a replay decides nothing again), a newer one merges its attributes (`existingLink`), an
///    older one is ignored;
/// 4. otherwise retrieve candidates from the process's ``BlockingIndex`` once it has loaded (from
///    PostgreSQL before, ``SubjectStore/retrieve(_:cap:limit:kind:on:)``, with the same result):
///    blocks over the cap are generic and skipped (remembered, logged by kind, never by value);
///    of the subjects in the others, the `maxCandidates` sharing the most evidence are scored;
/// 5. decide: auto-link (merge into the subject), new subject, or review (a new subject of its
///    own plus a review item naming the candidates: never a guessed link).
///
/// Rejections (dead-lettered at once): `contract.unknown-type`, `contract.undecodable`,
/// `lead.invalid-id` (the lead id is not a UUID or the revision is below 1).
struct LeadMatchingHandler: MessageHandler {
    let store: SubjectStore
    let configuration: MatcherConfiguration
    /// Generic keys and name counts, shared by the batches of this process.
    let memory = MatcherMemory()
    /// Every subject's blocking keys, once loaded (``MatcherConfiguration/memoryIndex``).
    let index: BlockingIndex

    /// After the index loads, the counts of common names are remembered too, so that a replica
    /// starting against a large store does not count each of them on first sight.
    init(store: SubjectStore, configuration: MatcherConfiguration, index: BlockingIndex) {
        self.store = store
        self.configuration = configuration
        self.index = index
        index.afterLoading { [store, memory] db in try store.rememberCommonNames(in: memory, on: db) }
    }

    func handle(_ event: CloudEvent, context: HandlerContext) throws {
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
        var logger = context.logger
        logger[metadataKey: "lead.id"] = "\(received.leadID)"
        let leadID = uuid.uuidString.lowercased()
        let db = context.database

        let record = MatchRecordMapper.matchRecord(for: received.lead)
        let prepared = PreparedRecord(record)
        let keys = blockingKeys(for: prepared)
        let knownGeneric = memory.genericKeys(among: keys.map(\.text))
        let lookup = keys.filter { !knownGeneric.contains($0.text) }
        try store.lock(["lead:\(leadID)"] + lookup.map(\.text), on: db)

        let work = Work(
            leadID: leadID, received: received,
            leadJSON: try EncodedJSON.member("lead", of: event.data).map { Array($0) } ?? EncodedJSON.value(received.lead),
            record: record, event: event, context: context)
        if let link = try store.link(leadID, on: db) {
            if received.revision == link.revision {
                try emitMatched(link, work)  // a replay: the decision stands
            } else if received.revision > link.revision {
                try relink(work, link: link)
            } else {
                logger.info("older revision of a linked lead ignored", metadata: ["lead.revision": "\(received.revision)"])
            }
            return
        }

        if configuration.memoryIndex {
            index.startLoading(schema: store.schema, database: db.configuration, logger: context.logger)
        }
        let retrieval =
            configuration.memoryIndex && index.isReady
            ? try index.retrieve(
                lookup, cap: configuration.blockCap, limit: configuration.maxCandidates, kind: record.kind, store: store, on: db)
            : try store.retrieve(
                lookup, cap: configuration.blockCap, limit: configuration.maxCandidates, kind: record.kind, on: db)
        memory.rememberGeneric(retrieval.genericKeys)
        let generic = knownGeneric.union(retrieval.genericKeys)
        let genericByKind = Dictionary(grouping: keys.filter { generic.contains($0.text) }) { $0.kind.rawValue }
            .mapValues(\.count)
        if !genericByKind.isEmpty {
            logger.debug(
                "generic blocking keys skipped",
                metadata: ["match.generic_keys": "\(genericByKind.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ","))"])
        }
        let scorer = MatchScorer(frequencies: try store.termFrequencies(for: record, memory: memory, on: db))
        let decision = decide(
            candidates: retrieval.candidates.map {
                ScoredCandidate(subjectID: $0.id, score: scorer.score(prepared, against: PreparedRecord($0.record)))
            },
            thresholds: configuration.thresholds)
        let explanation = Explanation.make(decision, sharing: retrieval.sharing, genericKeys: genericByKind)
        let score = decision.candidates.first?.score.total
        let usableKeys = keys.map(\.text).filter { !generic.contains($0) }

        switch decision.outcome {
        case .autoLink(let subjectID):
            guard let subject = try store.subject(subjectID, forUpdate: true, on: db) else {
                throw MatcherError(message: "candidate subject vanished")
            }
            let prior = subject.leadCount
            let (updated, added) = try merge(work, into: subject, addedLeads: 1)
            let summary = updated.summary(priorLeadCount: prior)
            let link = try StoredLink(
                subjectID: updated.id, decision: .autoLink, score: score, explanation: explanation, summary: summary,
                reviewID: nil, revision: received.revision)
            try save(link, work)
            try emitUpdated(updated, added: added, decision: link.decision, summary: summary, work)
            try emitMatched(link, work)
        case .newSubject:
            let link = try createSubject(
                work, keys: usableKeys, decision: .newSubject, score: score, explanation: explanation, reviewID: nil)
            try emitMatched(link, work)
        case .review(let subjectIDs):
            let reviewID = UUID().uuidString.lowercased()
            let link = try createSubject(
                work, keys: usableKeys, decision: .review, score: score, explanation: explanation, reviewID: reviewID)
            let scores = Dictionary(decision.candidates.map { ($0.subjectID, $0.score.total) }) { a, _ in a }
            let asked = Self.unaskedCandidates(subjectIDs, decisions: try store.pairDecisions(among: subjectIDs, on: db))
            try store.createReview(
                id: reviewID, leadID: leadID, revision: received.revision, subjectID: link.subjectID,
                candidates: asked.map { .init(subjectID: $0, score: scores[$0] ?? 0) }, on: db)
            try emitMatched(link, work)
        }
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
    private func relink(_ work: Work, link: StoredLink) throws {
        guard let subject = try store.subject(link.subjectID, forUpdate: true, on: work.context.database) else {
            throw MatcherError(message: "linked subject vanished")
        }
        let (updated, added) = try merge(work, into: subject, addedLeads: 0)
        let explanation = MatchExplanation(
            candidatesConsidered: 0, candidates: [], reasons: ["existingLink"],
            thresholds: Explanation.thresholds(configuration.thresholds))
        let summary = updated.summary(priorLeadCount: max(0, updated.leadCount - 1))
        let newLink = try StoredLink(
            subjectID: updated.id, decision: .existingLink, score: nil, explanation: explanation, summary: summary,
            reviewID: nil, revision: work.received.revision)
        try save(newLink, work)
        if !added.isEmpty { try emitUpdated(updated, added: added, decision: newLink.decision, summary: summary, work) }
        try emitMatched(newLink, work)
    }

    /// Merges the lead into the subject and indexes its new keys and terms. New keys are locked
    /// first, so the merge is serialised with any lead that could now find this subject.
    private func merge(_ work: Work, into subject: StoredSubject, addedLeads: Int) throws
        -> (StoredSubject, SubjectUpdated.Added)
    {
        let db = work.context.database
        var merged = subject
        let added = merged.profile.merge(work.record, from: work.source)
        merged = try store.updateSubject(
            merged, addedLeads: addedLeads, category: work.category, departed: work.departed, on: db)
        if !added.isEmpty {
            // Only keys the merged record has and the subject had not (the others are indexed).
            let before = Set(blockingKeys(for: subject.profile.record).map(\.text))
            let new = blockingKeys(for: merged.profile.record).map(\.text).filter { !before.contains($0) }
            let generic = memory.genericKeys(among: new)
            try store.index(
                keys: new.filter { !generic.contains($0) }, termsOf: merged.profile.record, subjectID: merged.id,
                lock: true, on: db)
        }
        return (merged, added)
    }

    /// A new subject from the lead, indexed under `keys` (the lead's usable keys, locked already).
    private func createSubject(
        _ work: Work, keys: [String], decision: LeadMatched.Decision, score: Double?, explanation: MatchExplanation, reviewID: String?
    ) throws -> StoredLink {
        let db = work.context.database
        let id = UUID().uuidString.lowercased()
        let profile = SubjectProfile(newFrom: work.record, source: work.source)
        try store.createSubject(
            id: id, profile: profile, primaryName: work.primaryName, category: work.category, departed: work.departed,
            on: db)
        try store.index(keys: keys, termsOf: profile.record, subjectID: id, lock: false, on: db)
        let subject = StoredSubject(
            id: id, profile: profile, primaryName: work.primaryName, leadCount: 1, categories: [work.category],
            departed: work.departed)
        let summary = subject.summary(priorLeadCount: 0)
        let link = try StoredLink(
            subjectID: id, decision: decision, score: score, explanation: explanation, summary: summary,
            reviewID: reviewID, revision: work.received.revision)
        try save(link, work)
        work.context.emit(
            type: EventType.subjectCreated,
            data: try ContractCoding.encoder().encode(
                SubjectCreated(
                    subjectID: id, leadID: work.leadID, revision: work.received.revision, decision: decision,
                    subject: summary)).bytes,
            subject: id, discriminator: id, causedBy: work.event)
        return link
    }

    private func save(_ link: StoredLink, _ work: Work) throws {
        try store.saveLink(
            .init(
                leadID: work.leadID, link: link, sourceSystem: work.lead.provenance.system,
                sourceRecordID: work.lead.provenance.sourceRecordID, category: work.category, messageID: work.event.id),
            on: work.context.database)
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
