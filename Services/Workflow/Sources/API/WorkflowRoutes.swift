import Foundation
import Hummingbird
import LeadTracContracts
import LeadTracDomain
import LeadTracMessaging
import LeadTracRuntime
import LeadTracStorage
import WorkflowCore

/// The workflow API: queues, take-next, lead detail, commands (with If-Match), notes and
/// findings, statistics. Every read of a lead is audited before the answer; every change is
/// audited with the state before and after.
enum WorkflowRoutes {
    static let staff: Set<Role> = [.analyst, .reviewer, .supervisor]

    struct CommandBody: Decodable {
        var command: String
        var reason: String?
        var assignee: String?
        var disposition: String?
        var closureReason: String?
        var changed: [String]?
    }

    struct NoteBody: Decodable {
        var body: String?
        var finding: FindingBody?
    }

    struct FindingBody: Decodable {
        var kind: String
        var fields: [String: String]
        var source: String?
    }

    struct TakeNextBody: Decodable {
        var tiers: [String]?
    }

    static func routes(_ api: APIEnvironment, jurisdictions: JurisdictionTable) -> [Route] {
        let records = LeadRecords(schema: api.schema)
        let queries = LeadQueries(records: records)
        let executor = CommandExecutor(records: records, jurisdictions: jurisdictions)
        let statistics = WorkflowStatistics(schema: api.schema)
        let accounts = AccountDirectory(schema: api.schema)

        /// Runs a command in one transaction with its audit event and events; answers the new detail.
        @Sendable func run(
            _ command: WorkflowCommand, leadID: String, expected: Int?, reason: String?, context: APIRequestContext
        ) async throws -> Response {
            let requester = requester(context)
            let detail = try await api.database.transaction { db -> LeadDetail in
                let before = try records.find(leadID, on: db)
                let (record, transition) = try perform {
                    try executor.execute(
                        command, on: leadID, by: requester, expectedVersion: expected, reason: reason, db: db,
                        emit: emitter(api, context: context, db: db))
                }
                try api.audit.record(
                    context.auditEvent(
                        api, action: "lead.\(transition.command.rawValue)", objectType: "lead", objectID: leadID,
                        subjectIDs: [record.workflow.subjectID], leadIDs: [leadID],
                        details: [
                            "before": ["state": .string(before?.workflow.state.rawValue ?? ""), "version": .int(Int64(before?.workflow.version ?? 0))],
                            "after": ["state": .string(record.workflow.state.rawValue), "version": .int(Int64(record.workflow.version))],
                            "reason": reason.map(AuditValue.string) ?? .null,
                        ]),
                    on: db, receipt: context.auditReceipt)
                return try queries.detail(record, on: db)
            }
            return try .json(detail, headers: [.eTag: entityTag(detail.version)])
        }

        return [
            Route(.get, "/queues", roles: staff, summary: "Queue sizes, oldest lead and overdue count per queue") { _, _ in
                try .json(try await api.database.run { try statistics.queues(on: $0) })
            },
            Route(.post, "/queues/next", roles: [.analyst], personalData: .view, summary: "Take the next lead") {
                request, context in
                let body = (try? await request.decodeJSON(TakeNextBody.self, context: context)) ?? TakeNextBody()
                let tiers = Set((body.tiers ?? ["P1", "P2", "P3"]).compactMap(PriorityTier.init(label:))).intersection(PriorityTier.worked)
                let requester = requester(context)
                let detail = try await api.database.transaction { db -> LeadDetail? in
                    guard let next = try records.nextQueued(tiers: tiers, on: db) else { return nil }
                    let (record, _) = try perform {
                        try executor.execute(
                            .take, on: next.leadID, by: requester, expectedVersion: next.workflow.version, reason: nil, db: db,
                            emit: emitter(api, context: context, db: db))
                    }
                    let detail = try queries.detail(record, on: db)
                    try api.audit.record(
                        context.auditEvent(
                            api, action: "lead.take", objectType: "lead", objectID: record.leadID,
                            subjectIDs: [record.workflow.subjectID], leadIDs: [record.leadID],
                            details: ["fields": LeadDetail.fieldsShown, "after": ["state": "inWorkup", "assignee": .string(requester.id)]]),
                        on: db, receipt: context.auditReceipt)
                    return detail
                }
                guard let detail else {
                    throw Problem(status: .notFound, code: "queue.empty", title: "Nothing to take", detail: "no queued lead in these tiers")
                }
                return try .json(detail, headers: [.eTag: entityTag(detail.version)])
            },
            Route(.get, "/leads", roles: staff, personalData: .search, summary: "Leads by state, assignee, tier") {
                request, context in
                let query = request.uri.queryParameters
                let state = query.get("state"), assignee = query.get("assignee"), tier = query.get("tier")
                let limit = min(Int(query.get("limit") ?? "") ?? 100, 1_000)
                let rows = try await api.database.transaction { db -> [LeadSummary] in
                    let rows = try statistics.list(state: state, assignee: assignee, tier: tier, limit: limit, on: db)
                    var terms: [String: AuditValue] = [:]
                    for (key, value) in [("state", state), ("assignee", assignee), ("tier", tier)] where value != nil {
                        terms[key] = .string(value!)
                    }
                    try api.audit.record(
                        context.auditEvent(
                            api, action: "lead.search", objectType: "lead", leadIDs: rows.map(\.leadId),
                            details: ["terms": .object(terms), "resultCount": .int(Int64(rows.count))]),
                        on: db, receipt: context.auditReceipt)
                    return rows
                }
                return try .json(rows)
            },
            Route(.get, "/leads/:id", roles: staff, personalData: .view, summary: "One lead in full") { _, context in
                let leadID = try context.parameter("id")
                let detail = try await api.database.transaction { db -> LeadDetail? in
                    let detail = try queries.detail(leadID, on: db)
                    try api.audit.record(
                        context.auditEvent(
                            api, action: "lead.view", objectType: "lead", objectID: leadID,
                            subjectIDs: detail.map { [$0.subjectId] } ?? [], leadIDs: [leadID],
                            details: ["fields": LeadDetail.fieldsShown, "found": .bool(detail != nil)]),
                        on: db, receipt: context.auditReceipt)
                    return detail
                }
                guard let detail else { throw Problem.notFound("lead") }
                return try .json(detail, headers: [.eTag: entityTag(detail.version)])
            },
            Route(.post, "/leads/:id/commands", roles: staff.union([.service]), summary: "Move a lead through its workflow") {
                request, context in
                let leadID = try context.parameter("id")
                let expected = try expectedVersion(request)
                let body = try await request.decodeJSON(CommandBody.self, context: context)
                var target: Requester?
                if let assignee = body.assignee {
                    let standing = try await api.database.run { try accounts.standing(of: assignee, on: $0) }
                    target = switch standing {
                    case .active(let roles): Requester(id: assignee, roles: Set(roles.compactMap { WorkflowRole(rawValue: $0.rawValue) }))
                    case .archived: Requester(id: assignee, roles: [])
                    case .unknown: Requester(id: assignee, roles: [.analyst])
                    }
                }
                let command = try parse(body, target: target)
                return try await run(command, leadID: leadID, expected: expected, reason: body.reason, context: context)
            },
            Route(.post, "/leads/:id/notes", roles: staff, summary: "Add a note or a structured finding") { request, context in
                let leadID = try context.parameter("id")
                let expected = try expectedVersion(request)
                let body = try await request.decodeJSON(NoteBody.self, context: context)
                guard (body.body?.isEmpty == false) != (body.finding != nil) else {
                    throw Problem.unprocessable("note.invalid", detail: "give either body or finding", errors: [
                        .init(code: "note.one-of", field: "body", message: "exactly one of body and finding")
                    ])
                }
                if let finding = body.finding, !["address", "status", "location", "other"].contains(finding.kind) {
                    throw Problem.unprocessable("note.invalid", detail: "unknown finding kind", errors: [
                        .init(code: "finding.kind-unknown", field: "finding.kind", message: "address, status, location or other")
                    ])
                }
                let user = context.principal!.user
                let detail = try await api.database.transaction { db -> LeadDetail in
                    guard let record = try records.find(leadID, lock: true, on: db) else { throw Problem.notFound("lead") }
                    guard record.workflow.version == expected else {
                        throw Problem.preconditionFailed(detail: "the lead changed meanwhile (now \(entityTag(record.workflow.version)))")
                    }
                    let finding = body.finding.map {
                        Finding(kind: $0.kind, fields: $0.fields, recordedBy: user, recordedAt: Date(), source: $0.source)
                    }
                    let noteID = UUID().uuidString.lowercased()
                    try db.execute(
                        "INSERT INTO \(quoteIdentifier(api.schema)).notes (note_id, lead_id, author, kind, body, finding) VALUES ($1::uuid, $2, $3, $4, $5, $6::jsonb)",
                        [
                            PGValue(noteID), PGValue(leadID), PGValue(user), PGValue(finding == nil ? "note" : "finding"),
                            PGValue(body.body), PGValue(try finding.map { String(decoding: try ContractCoding.encoder().encode($0), as: UTF8.self) }),
                        ])
                    try api.audit.record(
                        context.auditEvent(
                            api, action: finding == nil ? "lead.note.create" : "lead.finding.create", objectType: "note",
                            objectID: noteID, subjectIDs: [record.workflow.subjectID], leadIDs: [leadID],
                            details: ["after": finding == nil ? .string(body.body ?? "") : .object(finding!.fields.mapValues(AuditValue.string))]),
                        on: db, receipt: context.auditReceipt)
                    return try queries.detail(record, on: db)
                }
                return try .json(detail, status: .created, headers: [.eTag: entityTag(detail.version)])
            },
            Route(.get, "/stats", roles: staff.union([.auditor]), summary: "Statistics (no personal data)") { _, _ in
                try .json(try await api.database.run { try statistics.compute(on: $0) })
            },
        ] + EnrichmentRoutes.routes(api, records: records, queries: queries)
    }

    static func requester(_ context: APIRequestContext) -> Requester {
        Requester(
            id: context.principal?.user ?? "anonymous",
            roles: Set((context.principal?.roles ?? []).compactMap { WorkflowRole(rawValue: $0.rawValue) }))
    }

    static func emitter(_ api: APIEnvironment, context: APIRequestContext, db: PGConnection) -> CommandExecutor.Emit {
        { type, data, exchange, subject, id in
            try api.emit(type: type, bytes: data, exchange: exchange, subject: subject, id: id, correlationID: context.requestID, on: db)
        }
    }

    /// Turns the executor's refusals into problems (403, 409, 412, 422 as the state machine says).
    static func perform<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch CommandExecutor.Failure.notFound {
            throw Problem.notFound("lead")
        } catch CommandExecutor.Failure.rejected(let error) {
            throw Problem(
                status: .init(code: error.code.httpStatus), code: "\(error.code)", title: "Not allowed now",
                detail: error.message)
        }
    }

    static func parse(_ body: CommandBody, target: Requester?) throws -> WorkflowCommand {
        func invalid(_ field: String, _ message: String) -> Problem {
            Problem.unprocessable("command.invalid", detail: message, errors: [.init(code: "command.invalid", field: field, message: message)])
        }
        switch body.command {
        case "take": return .take
        case "release": return .release
        case "submit": return .submit
        case "return": return .return
        case "resume": return .resume
        case "caseClosed": return .caseClosed
        case "assign":
            guard let target else { throw invalid("assignee", "assign needs an assignee") }
            return .assign(to: target)
        case "reopen": return .reopen(changed: body.changed ?? [])
        case "close":
            guard let reason = body.closureReason.flatMap(ClosureReason.init(rawValue:)) else {
                throw invalid("closureReason", "close needs a closure reason")
            }
            return .close(reason)
        case "approve":
            switch body.disposition {
            case "viableRefer": return .approve(.viableRefer)
            case "viableHold": return .approve(.viableHold)
            case "nonViablePending": return .approve(.nonViablePending)
            case "nonViableClose":
                guard let reason = body.closureReason.flatMap(ClosureReason.init(rawValue:)) else {
                    throw invalid("closureReason", "nonViableClose needs a closure reason")
                }
                return .approve(.nonViableClose(reason))
            default: throw invalid("disposition", "viableRefer, viableHold, nonViableClose or nonViablePending")
            }
        default:
            throw invalid("command", "unknown command")
        }
    }
}
