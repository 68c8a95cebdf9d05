import Foundation
import Hummingbird
import LeadTracContracts
import LeadTracDomain
import LeadTracMessaging
import LeadTracRuntime
import LeadTracStorage

/// Ingest's API: a lead entered by hand, and repair of rejected records.
///
/// - `POST /leads` (analyst, supervisor): one lead record in the inbound contract's shape;
///   the same validation as the feeds, answered at once: 201 with the lead id, or 422 with
///   every problem (RFC 9457, `errors[]` with code and field path).
/// - `GET /rejections` (analyst, supervisor): open rejections, reasons and problem codes only.
/// - `GET /rejections/:id` (analyst, supervisor): one rejection with its raw body (audited view).
/// - `POST /rejections/:id/resubmit` (analyst, supervisor): a corrected record for it.
/// - `POST /imports?source=NAME` (analyst, supervisor): a batch file with its mapping (`UploadRoute`).
enum IngestRoutes {
    struct Accepted: Encodable {
        var leadId: String
        var revision: Int?
        var change: String
    }

    static let staff: Set<Role> = [.analyst, .supervisor]

    static func routes(_ api: APIEnvironment) -> [Route] {
        let intake = LeadIntake(store: LeadStore(schema: api.schema))
        let rejections = RejectionQueries(schema: api.schema)
        return [
            UploadRoute.route(api, intake: intake),
            Route(.post, "/leads", roles: staff, summary: "Enter a lead by hand") { request, context in
                let body = try await request.body.collect(upTo: 1 << 20)
                let data = Data(buffer: body)
                let record = try decodeRecord(data)
                let recordID = record.identity.sourceRecordId?.trimmingCharacters(in: .whitespaces)
                let provenance = Provenance(
                    system: "analyst/\(context.principal!.user)", sourceKind: .analyst,
                    sourceRecordID: recordID?.isEmpty == false ? recordID! : UUID().uuidString.lowercased(), receivedAt: Date(),
                    programme: record.identity.programme, extract: record.identity.extract)
                let answer = try await api.database.transaction { connection in
                    try accept(
                        record.lead, provenance: provenance, rawBody: data, intake: intake, api: api, context: context,
                        on: connection)
                }
                return try .json(answer, status: answer.change == "created" ? .created : .ok)
            },
            Route(.get, "/rejections", roles: staff, summary: "List rejected records (no personal data)") { request, _ in
                let status = request.uri.queryParameters.get("status") ?? "open"
                let limit = min(Int(request.uri.queryParameters.get("limit") ?? "") ?? 100, 1_000)
                return try .json(try await api.database.run { try rejections.list(status: status, limit: limit, on: $0) })
            },
            Route(.get, "/rejections/:id", roles: staff, personalData: .view, summary: "One rejection with its raw body") {
                _, context in
                let id = try context.parameter("id")
                let rejection = try await api.database.transaction { connection in
                    let found = try rejections.show(id, includeBody: true, on: connection)
                    try api.audit.record(
                        context.auditEvent(
                            api, action: "rejection.view", objectType: "rejection", objectID: id,
                            details: ["found": .bool(found != nil), "fields": ["rawBody", "reason", "codes"]]),
                        on: connection, receipt: context.auditReceipt)
                    return found
                }
                guard let rejection else { throw Problem.notFound("rejection") }
                return try .json(rejection)
            },
            Route(.post, "/rejections/:id/resubmit", roles: staff, summary: "Resubmit a corrected record") {
                request, context in
                let id = try context.parameter("id")
                let data = Data(buffer: try await request.body.collect(upTo: 1 << 20))
                let record = try decodeRecord(data)
                let answer = try await api.database.transaction { connection -> Accepted in
                    guard let rejection = try rejections.show(id, includeBody: false, on: connection) else {
                        throw Problem.notFound("rejection")
                    }
                    guard rejection.status == "open" else {
                        throw Problem.conflict("rejection.not-open", detail: "this rejection is \(rejection.status)")
                    }
                    guard let type = InboundLeadType(rawValue: rejection.eventType) else {
                        throw Problem.conflict("contract.unknown-type", detail: "ingest does not take this rejection's type")
                    }
                    guard let recordID = record.identity.sourceRecordId ?? rejection.sourceRecordID else {
                        throw Problem.unprocessable(
                            "lead.missing-source-record-id", detail: "sourceRecordId is required",
                            errors: [.init(code: "lead.missing-source-record-id", field: "sourceRecordId", message: "required")])
                    }
                    let provenance = Provenance(
                        system: rejection.source, sourceKind: type.sourceKind, sourceRecordID: recordID, receivedAt: Date(),
                        programme: record.identity.programme, extract: record.identity.extract)
                    let accepted = try accept(
                        record.lead, provenance: provenance, rawBody: data, intake: intake, api: api, context: context,
                        on: connection)
                    try intake.store.markResubmitted(id, on: connection)
                    return accepted
                }
                return try .json(answer)
            },
        ]
    }

    static func decodeRecord(_ data: Data) throws -> InboundLeadRecord {
        do {
            return try JSONDecoder().decode(InboundLeadRecord.self, from: data)
        } catch {
            throw Problem.badRequest("contract.undecodable", detail: "the body is not a lead record (see docs/asyncapi.yaml)")
        }
    }

    /// Accepts the record in the caller's transaction, announces it and audits the creation or
    /// change; invalid records become a 422 problem listing every field problem.
    static func accept(
        _ raw: RawLead, provenance: Provenance, rawBody: Data, intake: LeadIntake, api: APIEnvironment,
        context: APIRequestContext, on connection: PGConnection
    ) throws -> Accepted {
        switch try intake.accept(
            raw, provenance: provenance, eventType: "api.manual-lead", rawBody: Array(rawBody),
            messageID: context.requestID, on: connection)
        {
        case .invalid(let problems):
            throw Problem.unprocessable(
                "lead.invalid", detail: "\(problems.count) problem(s) in the record",
                errors: problems.map { .init(code: $0.code.rawValue, field: $0.field, message: $0.message) })
        case .unchanged(let leadID):
            return Accepted(leadId: leadID, revision: nil, change: "unchanged")
        case .stored(let leadID, let revision, let change, let data):
            try api.emit(
                type: EventType.leadReceived, bytes: data, subject: leadID,
                id: EventID.derive(from: leadID, type: EventType.leadReceived, discriminator: "\(revision)"),
                correlationID: context.requestID, on: connection)
            let after = (try? JSONDecoder().decode(AuditValue.self, from: rawBody)) ?? .null
            try api.audit.record(
                context.auditEvent(
                    api, action: change == .created ? "lead.create" : "lead.change", objectType: "lead", objectID: leadID,
                    leadIDs: [leadID], details: ["revision": .int(Int64(revision)), "after": after]),
                on: connection, receipt: context.auditReceipt)
            return Accepted(leadId: leadID, revision: revision, change: change.rawValue)
        }
    }
}
