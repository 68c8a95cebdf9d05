import Foundation
import LeadTracContracts
import LeadTracMessaging
import LeadTracRuntime
import LeadTracStorage
import PrioritizerCore

/// Scores leads as the matcher announces them, and re-scores them when their subject changes.
///
/// - `lead.matched.v1`: the lead's facts (``LeadFactsMapper``) replace the stored ones (an older
///   revision than the stored one is ignored); the lead is scored with the active rule set and
///   the score stored; `lead.prioritized.v1` is emitted for a new lead, and for a known lead only
///   when the outcome changed (a new wants-and-warrants indicator arrives as a new revision with
///   decision `existingLink` and raises the tier; a replay changes nothing and emits nothing).
/// - `subject.merged.v1` / `subject.split.v1`: the moved leads get their new subject, the
///   subject facts (`subject.prior_leads`, `subject.categories`) of every lead of the subjects
///   involved are recomputed from this read model, and those leads are re-scored (reason
///   `rescored`, emitted only when changed).
///
/// Each lead is scored under the shared scoring lock (``ScoringLock``), so activation of a new
/// rule set never interleaves with a batch.
///
/// Rejections: `contract.unknown-type`, `contract.undecodable`, `lead.invalid-id`.
struct LeadScoringHandler: MessageHandler {
    let rules: RuleSetStore
    let store: ScoreStore
    var scorer: LeadScorer { LeadScorer(store: store) }

    func handle(_ event: CloudEvent, context: HandlerContext) throws {
        switch event.type {
        case EventType.leadMatched: try leadMatched(event, context: context)
        case EventType.subjectMerged:
            let merged = try decode(SubjectMerged.self, event)
            try moveAndRescore(
                moved: merged.movedLeadIDs, from: [merged.mergedSubjectID], to: merged.subjectID,
                subjects: [merged.subjectID], event: event, context: context)
        case EventType.subjectSplit:
            let split = try decode(SubjectSplit.self, event)
            try moveAndRescore(
                moved: split.movedLeadIDs, from: [], to: split.newSubjectID, subjects: [split.subjectID, split.newSubjectID],
                event: event, context: context)
        case EventType.arrivalDepartureReceived:
            // A departure (or a removal) recorded by the arrival/departure system: every lead
            // sharing an identifier now has a departed subject, and is re-scored.
            let received = try decode(ArrivalDepartureReceived.self, event)
            let update = received.update
            let departed = update.events.contains { $0.direction == .departure }
                || update.statusChanges.contains { $0.status == .removed }
            guard departed, !update.identifiers.isEmpty else { return }
            try rescore(
                where: "identifiers && $1 AND subject_departed IS DISTINCT FROM true", [PGValue(update.identifiers.map(\.lookupKey))],
                set: "subject_departed = true", event: event, context: context)
        case EventType.enrichmentCompleted:
            // A provider found a current address: the lead is re-scored with it.
            let completion = try decode(EnrichmentCompleted.self, event)
            guard completion.items.contains(where: { $0.kind == "address" }), UUID(uuidString: completion.leadID) != nil else { return }
            try rescore(
                where: "lead_id = $1::uuid AND enrichment_has_current_address IS DISTINCT FROM true",
                [PGValue(completion.leadID.lowercased())], set: "enrichment_has_current_address = true", event: event,
                context: context)
        case EventType.leadStateChanged:
            // Only open leads are re-scored by an activation or counted by a what-if: a closed
            // lead leaves them, a reopened one comes back.
            let changed = try decode(LeadStateChanged.self, event)
            guard let leadUUID = UUID(uuidString: changed.leadID) else { return }
            try store.setOpen(leadUUID, open: changed.to != "closed", on: context.database)
        default:
            throw MessageRejection(code: "contract.unknown-type", message: "the prioritizer does not know this event type")
        }
    }

    private func decode<T: Decodable>(_ type: T.Type, _ event: CloudEvent) throws -> T {
        do {
            return try ContractCoding.decoder().decode(T.self, from: Data(event.data))
        } catch {
            throw MessageRejection(code: "contract.undecodable", message: "the body is not a \(event.type) record")
        }
    }

    private func leadMatched(_ event: CloudEvent, context: HandlerContext) throws {
        let matched = try decode(LeadMatched.self, event)
        guard let leadUUID = UUID(uuidString: matched.leadID), let subjectUUID = UUID(uuidString: matched.subjectID),
            matched.revision >= 1
        else {
            throw MessageRejection(code: "lead.invalid-id", message: "leadID and subjectID must be UUIDs, revision at least 1")
        }
        let leadID = leadUUID.uuidString.lowercased()
        let subjectID = subjectUUID.uuidString.lowercased()
        let db = context.database
        try ScoringLock.shared(schema: context.schema, on: db)
        let active = try rules.active(on: db)
        if let stored = try store.lockLead(leadID, on: db), stored.revision > matched.revision {
            context.logger.info("older revision of a scored lead ignored", metadata: ["lead.id": "\(leadID)"])
            return
        }
        let facts = LeadFactsMapper.facts(matched, asOf: Date())
        try store.saveFacts(facts, leadID: leadID, subjectID: subjectID, revision: matched.revision, on: db)
        try db.execute(
            "UPDATE \(store.facts) SET identifiers = $2 WHERE lead_id = $1::uuid",
            [PGValue(leadID), PGValue((matched.lead.person?.identifiers ?? []).map(\.lookupKey))])
        if let announcement = try scorer.score(
            leadID: leadID, subjectID: subjectID, revision: matched.revision, facts: facts, rules: active, reason: .updated,
            on: db)
        {
            try emit(announcement, event: event, context: context)
        }
    }

    /// Moves leads to a subject, recomputes the subject facts of the subjects' leads and re-scores them.
    private func moveAndRescore(
        moved: [String], from oldSubjects: [String], to subjectID: String, subjects: [String], event: CloudEvent,
        context: HandlerContext
    ) throws {
        let ids = (moved + oldSubjects + subjects + [subjectID]).compactMap(UUID.init(uuidString:))
        guard ids.count == moved.count + oldSubjects.count + subjects.count + 1 else {
            throw MessageRejection(code: "lead.invalid-id", message: "subject and lead ids must be UUIDs")
        }
        let db = context.database
        try ScoringLock.shared(schema: context.schema, on: db)
        let active = try rules.active(on: db)
        let facts = store.facts
        try db.execute(
            "UPDATE \(facts) SET subject_id = $1::uuid, updated_at = now() WHERE lead_id = ANY($2::uuid[]) OR subject_id = ANY($3::uuid[])",
            [PGValue(subjectID.lowercased()), PGValue(moved.map { $0.lowercased() }), PGValue(oldSubjects.map { $0.lowercased() })])
        let affected = Array(Set((subjects + [subjectID]).map { $0.lowercased() })).sorted()
        let leadIDs = try db.execute(
            """
            UPDATE \(facts) f SET
                subject_prior_leads = (SELECT count(*) FROM \(facts) o WHERE o.subject_id = f.subject_id
                    AND o.lead_id <> f.lead_id AND o.lead_received_at < f.lead_received_at),
                subject_categories = (SELECT array_agg(DISTINCT o.lead_category ORDER BY o.lead_category)
                    FROM \(facts) o WHERE o.subject_id = f.subject_id AND o.lead_category IS NOT NULL),
                updated_at = now()
            WHERE f.subject_id = ANY($1::uuid[]) RETURNING f.lead_id::text
            """, [PGValue(affected)]
        ).rows.map { try $0.decode(String.self, at: 0) }
        for lead in try store.leads(leadIDs, asOf: Date(), on: db) {
            if let announcement = try scorer.score(
                leadID: lead.leadID, subjectID: lead.subjectID, revision: lead.revision, facts: lead.facts, rules: active,
                reason: .rescored, on: db)
            {
                try emit(announcement, event: event, context: context)
            }
        }
    }

    /// Changes one fact on the leads `condition` selects and re-scores them (reason `rescored`).
    private func rescore(
        where condition: String, _ parameters: [PGValue], set assignment: String, event: CloudEvent, context: HandlerContext
    ) throws {
        let db = context.database
        try ScoringLock.shared(schema: context.schema, on: db)
        let active = try rules.active(on: db)
        let leadIDs = try db.execute(
            "UPDATE \(store.facts) SET \(assignment), updated_at = now() WHERE \(condition) RETURNING lead_id::text", parameters
        ).rows.map { try $0.decode(String.self, at: 0) }
        for lead in try store.leads(leadIDs, asOf: Date(), on: db) {
            if let announcement = try scorer.score(
                leadID: lead.leadID, subjectID: lead.subjectID, revision: lead.revision, facts: lead.facts, rules: active,
                reason: .rescored, on: db)
            {
                try emit(announcement, event: event, context: context)
            }
        }
    }

    private func emit(_ announcement: LeadPrioritized, event: CloudEvent, context: HandlerContext) throws {
        context.emit(
            type: EventType.leadPrioritized, data: Array(try ContractCoding.encoder().encode(announcement)),
            subject: announcement.leadID, discriminator: announcement.leadID, causedBy: event)
    }
}
