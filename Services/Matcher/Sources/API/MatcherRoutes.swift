import Foundation
import HTTPTypes
import Hummingbird
import LeadTracContracts
import LeadTracMessaging
import LeadTracRuntime
import LeadTracStorage

/// The matcher's API: subject search and detail, the review queue, merge and split.
///
/// - `GET /subjects?name=&dob=&identifier=&type=&limit=` (analyst, reviewer, supervisor): ranked
///   search (``SubjectSearch``), audited `subject.search` with its terms, count and result ids.
/// - `GET /subjects/:id` (analyst, reviewer, supervisor): one subject, attributes with provenance
///   and linked leads; `ETag: "<version>"`; audited `subject.view`.
/// - `GET /reviews?status=open&limit=` (reviewer, supervisor): review items with brief subjects;
///   audited `review.list`.
/// - `POST /reviews/:id/decision` (reviewer) `{decision: same|different|unsure, note, candidate}`.
/// - `POST /subjects/:id/merge` (reviewer, supervisor) `{into, reason}`, `If-Match` optional.
/// - `POST /subjects/:id/split` (reviewer, supervisor) `{leads: [...], reason}`, `If-Match` optional.
///
/// A merge or split re-points leads, announces `subject.merged.v1` / `subject.split.v1` on
/// `leadtrac.events` (the workflow follows its leads), tells each source system whose records
/// were involved with `source.error-notice.v1` on `leadtrac.outbound`, and is audited with before
/// and after, all in one transaction.
enum MatcherRoutes {
    static let readers: Set<Role> = [.analyst, .reviewer, .supervisor]
    static let reviewers: Set<Role> = [.reviewer, .supervisor]

    struct DecisionBody: Decodable {
        var decision: String
        var note: String?
        /// Which candidate the decision is about; default: every candidate (`different`,
        /// `unsure`) or the best one (`same`).
        var candidate: String?
    }

    struct MergeBody: Decodable {
        var into: String
        var reason: String?
    }

    struct SplitBody: Decodable {
        var leads: [String]
        var reason: String?
    }

    struct ChangeAnswer: Encodable {
        var subjectId: String
        var otherSubjectId: String
        var movedLeadIds: [String]
        var version: Int?
    }

    static func routes(_ api: APIEnvironment, configuration: MatcherConfiguration) -> [Route] {
        let store = SubjectStore(schema: api.schema)
        let search = SubjectSearch(schema: api.schema)
        let queries = SubjectQueries(store: store)
        let changes = SubjectChanges(store: store, blockCap: configuration.blockCap)
        return [
            Route(.get, "/subjects", roles: readers, personalData: .search, summary: "Search subjects") { request, context in
                let parameters = Dictionary(request.uri.queryParameters.map { (String($0.key), String($0.value)) }) { $1 }
                let query = try SubjectSearch.query(parameters)
                let results = try await api.database.transaction { db in
                    let results = try search.run(query, on: db)
                    try api.audit.record(
                        context.auditEvent(
                            api, action: "subject.search", objectType: "subject", subjectIDs: results.map(\.subjectId),
                            details: ["terms": .object(query.terms), "resultCount": .int(Int64(results.count))]),
                        on: db, receipt: context.auditReceipt)
                    return results
                }
                return try .json(["results": results])
            },
            Route(.get, "/subjects/:id", roles: readers, personalData: .view, summary: "One subject in detail") { _, context in
                let id = try uuidParameter(context, "id", what: "subject")
                let detail = try await api.database.transaction { db in
                    let detail = try queries.detail(id, on: db)
                    try api.audit.record(
                        context.auditEvent(
                            api, action: "subject.view", objectType: "subject", objectID: id, subjectIDs: [id],
                            leadIDs: detail?.leads.map(\.leadId) ?? [],
                            details: ["found": .bool(detail != nil), "fields": .array(SubjectQueries.Detail.fields.map { .string($0) })]),
                        on: db, receipt: context.auditReceipt)
                    return detail
                }
                guard let detail else { throw Problem.notFound("subject") }
                return try .json(detail, headers: [.eTag: "\"\(detail.version)\""])
            },
            Route(.get, "/reviews", roles: reviewers, personalData: .view, summary: "Possible matches to decide") {
                request, context in
                let status = request.uri.queryParameters.get("status") ?? "open"
                guard ["open", "merged", "distinct", "dismissed", "all"].contains(status) else {
                    throw Problem.badRequest("query.invalid", detail: "status must be open, merged, distinct, dismissed or all")
                }
                let limit = max(1, min(Int(request.uri.queryParameters.get("limit") ?? "") ?? 50, 200))
                let reviews = try await api.database.transaction { db in
                    let reviews = try queries.reviews(status: status == "all" ? nil : status, limit: limit, on: db)
                    try api.audit.record(
                        context.auditEvent(
                            api, action: "review.list", objectType: "review",
                            subjectIDs: Array(Set(reviews.flatMap(\.subjectIDs))).sorted(), leadIDs: reviews.map(\.leadId),
                            details: ["terms": ["status": .string(status)], "resultCount": .int(Int64(reviews.count))]),
                        on: db, receipt: context.auditReceipt)
                    return reviews
                }
                return try .json(["reviews": reviews])
            },
            Route(.post, "/reviews/:id/decision", roles: [.reviewer], summary: "Decide a possible match") { request, context in
                let id = try uuidParameter(context, "id", what: "review item")
                let body = try await request.decodeJSON(DecisionBody.self, context: context)
                guard ["same", "different", "unsure"].contains(body.decision) else {
                    throw Problem.unprocessable(
                        "review.invalid-decision", detail: "decision must be same, different or unsure",
                        errors: [.init(code: "decision.invalid", field: "decision", message: "same, different or unsure")])
                }
                let user = context.principal!.user
                let answer = try await retrying(api) { db in
                    try decide(id, body, user: user, api: api, context: context, queries: queries, changes: changes, on: db)
                }
                return try .json(answer)
            },
            Route(.post, "/subjects/:id/merge", roles: reviewers, summary: "Merge a subject into another") { request, context in
                let id = try uuidParameter(context, "id", what: "subject")
                let body = try await request.decodeJSON(MergeBody.self, context: context)
                guard let into = UUID(uuidString: body.into)?.uuidString.lowercased() else {
                    throw Problem.unprocessable(
                        "merge.invalid", detail: "into must be a subject id",
                        errors: [.init(code: "subject.invalid-id", field: "into", message: "a subject id")])
                }
                let expected = try ifMatch(request)
                let user = context.principal!.user
                let answer = try await retrying(api) { db in
                    let outcome = try changes.merge(
                        id, into: into, expectedVersion: expected, versionOf: id, decidedBy: user, on: db)
                    try announce(outcome, kind: .duplicateSubject, reason: body.reason, user: user, api: api, context: context, on: db)
                    return ChangeAnswer(
                        subjectId: outcome.subjectID, otherSubjectId: outcome.otherSubjectID,
                        movedLeadIds: outcome.moved.map(\.leadID), version: nil)
                }
                return try .json(answer)
            },
            Route(.post, "/subjects/:id/split", roles: reviewers, summary: "Split leads off a subject") { request, context in
                let id = try uuidParameter(context, "id", what: "subject")
                let body = try await request.decodeJSON(SplitBody.self, context: context)
                let invalid = body.leads.enumerated().filter { UUID(uuidString: $0.element) == nil }
                guard invalid.isEmpty else {
                    throw Problem.unprocessable(
                        "split.invalid", detail: "leads must be lead ids",
                        errors: invalid.map { .init(code: "lead.invalid-id", field: "leads[\($0.offset)]", message: "a lead id") })
                }
                let leads = body.leads.map { UUID(uuidString: $0)!.uuidString.lowercased() }
                let expected = try ifMatch(request)
                let user = context.principal!.user
                let answer = try await retrying(api) { db in
                    let outcome = try changes.split(id, leads: leads, expectedVersion: expected, decidedBy: user, on: db)
                    try announce(outcome, kind: .conflatedSubject, reason: body.reason, user: user, api: api, context: context, on: db)
                    return ChangeAnswer(
                        subjectId: outcome.subjectID, otherSubjectId: outcome.otherSubjectID,
                        movedLeadIds: outcome.moved.map(\.leadID), version: nil)
                }
                return try .json(answer, status: .created)
            },
        ]
    }

    // MARK: Review decisions

    struct DecisionAnswer: Encodable {
        var reviewId: String
        var decision: String
        var status: String
        /// For `same`: the subject that survived the merge and the one merged into it.
        var subjectId: String?
        var mergedSubjectId: String?
        var movedLeadIds: [String]?
    }

    static func decide(
        _ id: String, _ body: DecisionBody, user: String, api: APIEnvironment, context: APIRequestContext,
        queries: SubjectQueries, changes: SubjectChanges, on db: PGConnection
    ) throws -> DecisionAnswer {
        guard let review = try queries.reviews(status: nil, id: id, limit: 1, forUpdate: true, on: db).first else {
            throw Problem.notFound("review item")
        }
        guard review.status == "open" else {
            throw Problem.conflict("review.not-open", detail: "this review item is \(review.status)")
        }
        let subjectID = review.subject?.subjectId ?? ""
        let candidateIDs = review.candidates.compactMap { $0.subject?.subjectId }
        var chosen = candidateIDs
        if let candidate = body.candidate {
            guard let match = candidateIDs.first(where: { $0 == candidate.lowercased() }) else {
                throw Problem.unprocessable(
                    "review.unknown-candidate", detail: "candidate must be one of the item's candidates",
                    errors: [.init(code: "candidate.unknown", field: "candidate", message: "not a candidate of this item")])
            }
            chosen = [match]
        } else if body.decision == "same" {
            chosen = Array(candidateIDs.prefix(1))
        }
        guard !chosen.isEmpty else { throw Problem.conflict("review.no-candidates", detail: "the item has no candidate left") }
        let table = { (name: String) in "\(quoteIdentifier(api.schema)).\(name)" }
        for candidate in chosen {
            try db.execute(
                """
                INSERT INTO \(table("review_decisions")) (review_id, candidate, decision, decided_by, note)
                VALUES ($1::uuid, $2::uuid, $3, $4, $5)
                """, [PGValue(id), PGValue(candidate), PGValue(body.decision), PGValue(user), PGValue(body.note)])
        }

        var answer = DecisionAnswer(reviewId: id, decision: body.decision, status: "open")
        var details: [String: AuditValue] = [
            "decision": .string(body.decision), "candidates": .array(chosen.map { .string($0) }),
            "note": body.note.map { .string($0) } ?? .null,
        ]
        switch body.decision {
        case "same":
            // Keep the older subject's id: it is the one other records already cite.
            let candidate = chosen[0]
            let ages = try db.execute(
                "SELECT subject_id::text FROM \(table("subjects")) WHERE subject_id = ANY($1::uuid[]) ORDER BY created_at, subject_id",
                [PGValue([subjectID, candidate])]
            ).rows.map { try $0.decode(String.self, at: 0) }
            let survivor = ages.first ?? candidate
            let merged = survivor == subjectID ? candidate : subjectID
            let outcome = try changes.merge(merged, into: survivor, expectedVersion: nil, versionOf: merged, decidedBy: user, on: db)
            try db.execute(
                """
                UPDATE \(table("review_items")) SET status = 'merged', resolved_at = now(), resolved_by = $2
                WHERE review_id = $1::uuid AND status = 'open'
                """, [PGValue(id), PGValue(user)])
            try announce(
                outcome, kind: .duplicateSubject, reason: body.note ?? "review \(id)", user: user, api: api, context: context,
                on: db, audit: false)
            answer.status = "merged"
            answer.subjectId = outcome.subjectID
            answer.mergedSubjectId = outcome.otherSubjectID
            answer.movedLeadIds = outcome.moved.map(\.leadID)
            details["before"] = outcome.before
            details["after"] = outcome.after
        default:
            for candidate in chosen {
                try changes.recordPair(subjectID, candidate, decision: body.decision, by: user, reason: body.note, on: db)
            }
            // Closed once every candidate is known to be someone else.
            let pairs = try changes.store.pairDecisions(among: [subjectID] + candidateIDs, on: db)
            if candidateIDs.allSatisfy({ pairs[SubjectPair(subjectID, $0)] == "different" }) {
                try db.execute(
                    """
                    UPDATE \(table("review_items")) SET status = 'distinct', resolved_at = now(), resolved_by = $2
                    WHERE review_id = $1::uuid
                    """, [PGValue(id), PGValue(user)])
                answer.status = "distinct"
            }
            details["before"] = ["status": .string(review.status)]
            details["after"] = ["status": .string(answer.status)]
        }
        try api.audit.record(
            context.auditEvent(
                api, action: "review.decide", objectType: "review", objectID: id,
                subjectIDs: [subjectID] + candidateIDs, leadIDs: [review.leadId] + (answer.movedLeadIds ?? []), details: details),
            on: db, receipt: context.auditReceipt)
        return answer
    }

    // MARK: Announcing changes

    /// `subject.merged.v1` / `subject.split.v1`, one `source.error-notice.v1` per source system
    /// of the moved leads, and (unless the caller audits itself) the change's audit event.
    static func announce(
        _ outcome: SubjectChanges.Outcome, kind: SourceErrorNotice.Kind, reason: String?, user: String,
        api: APIEnvironment, context: APIRequestContext, on db: PGConnection, audit: Bool = true
    ) throws {
        let moved = outcome.moved.map(\.leadID)
        switch kind {
        case .duplicateSubject:
            try api.emit(
                type: EventType.subjectMerged,
                data: SubjectMerged(
                    subjectID: outcome.subjectID, mergedSubjectID: outcome.otherSubjectID, movedLeadIDs: moved,
                    decidedBy: user, reason: reason),
                subject: outcome.subjectID, correlationID: context.requestID, on: db)
        case .conflatedSubject:
            try api.emit(
                type: EventType.subjectSplit,
                data: SubjectSplit(
                    subjectID: outcome.otherSubjectID, newSubjectID: outcome.subjectID, movedLeadIDs: moved,
                    decidedBy: user, reason: reason),
                subject: outcome.otherSubjectID, correlationID: context.requestID, on: db)
        }
        let now = Date()
        let bySystem = Dictionary(grouping: outcome.moved, by: \.system)
        for system in bySystem.keys.sorted() {
            try api.emit(
                type: EventType.sourceErrorNotice,
                data: SourceErrorNotice(
                    kind: kind, sourceSystem: system,
                    records: bySystem[system]!.map { .init(sourceRecordID: $0.recordID, leadID: $0.leadID) },
                    subjectID: outcome.subjectID, relatedSubjectID: outcome.otherSubjectID, decidedBy: user, reason: reason,
                    decidedAt: now),
                exchange: Exchange.outbound, subject: system, correlationID: context.requestID, on: db)
        }
        guard audit else { return }
        try api.audit.record(
            context.auditEvent(
                api, action: kind == .duplicateSubject ? "subject.merge" : "subject.split", objectType: "subject",
                objectID: kind == .duplicateSubject ? outcome.otherSubjectID : outcome.otherSubjectID,
                subjectIDs: [outcome.subjectID, outcome.otherSubjectID], leadIDs: moved,
                details: [
                    "reason": reason.map { .string($0) } ?? .null, "before": outcome.before, "after": outcome.after,
                    "notifiedSystems": .array(bySystem.keys.sorted().map { .string($0) }),
                ]),
            on: db, receipt: context.auditReceipt)
    }

    // MARK: Helpers

    /// A path id that must be a UUID; anything else names nothing (404).
    static func uuidParameter(_ context: APIRequestContext, _ name: String, what: String) throws -> String {
        guard let id = UUID(uuidString: try context.parameter(name)) else { throw Problem.notFound(what) }
        return id.uuidString.lowercased()
    }

    /// `If-Match: "<version>"` (optional); 400 when present but not a version.
    static func ifMatch(_ request: Request) throws -> Int? {
        guard let header = request.headers[.ifMatch] else { return nil }
        let text = header.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "W/", with: "")
            .trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        guard let version = Int(text) else {
            throw Problem.badRequest("header.invalid", detail: "If-Match must be the subject's ETag (\"<version>\")")
        }
        return version
    }

    /// Runs a change in a transaction, retrying (twice) when the database aborted it for a
    /// deadlock or serialization failure: the matcher's consumers lock the same keys.
    static func retrying<T: Sendable>(
        _ api: APIEnvironment, _ body: @escaping @Sendable (PGConnection) throws -> T
    ) async throws -> T {
        var attempt = 0
        while true {
            do {
                return try await api.database.transaction(body)
            } catch let error as DatabaseError where error.isTransient && !error.connectionLost && attempt < 2 {
                attempt += 1
                try await Task.sleep(for: .milliseconds(50 * attempt))
            }
        }
    }
}
