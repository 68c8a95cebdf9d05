import Foundation
import Hummingbird
import LeadTracContracts
import LeadTracDomain
import LeadTracMessaging
import LeadTracRuntime
import LeadTracStorage

/// Enrichment during workup:
/// - `POST /leads/:id/enrichment-requests` (analyst): asks the provider gateway
///   (`enrichment.requested.v1`) with the minimum a lookup needs; refused for a protected subject.
/// - `POST /leads/:id/enrichment-items/:item/decision` (analyst): accepts (the item becomes a
///   finding whose source is the provider) or rejects a provider's unconfirmed item.
enum EnrichmentRoutes {
    struct RequestBody: Decodable {
        var purpose: String
        var wanted: [String]
    }

    struct DecisionBody: Decodable {
        var decision: String
    }

    static let wantable: Set<String> = ["address", "phone", "employment", "vehicle", "status"]

    static func routes(_ api: APIEnvironment, records: LeadRecords, queries: LeadQueries) -> [Route] {
        let enrichments = Enrichments(schema: api.schema)
        return [
            Route(.post, "/leads/:id/enrichment-requests", roles: [.analyst], summary: "Ask the provider gateway about the subject") {
                request, context in
                let leadID = try context.parameter("id")
                let body = try await request.decodeJSON(RequestBody.self, context: context)
                let unknown = body.wanted.filter { !wantable.contains($0) }
                guard !body.wanted.isEmpty, unknown.isEmpty, !body.purpose.isEmpty else {
                    throw Problem.unprocessable(
                        "enrichment.invalid", detail: "give a purpose and what is wanted (\(wantable.sorted().joined(separator: ", ")))",
                        errors: [.init(code: "enrichment.invalid", field: unknown.isEmpty ? "purpose" : "wanted", message: "invalid")])
                }
                let user = context.principal!.user
                let sent = try await api.database.transaction { db -> EnrichmentRequested in
                    guard let record = try records.find(leadID, on: db) else { throw Problem.notFound("lead") }
                    let subject = record.subject.flatMap {
                        try? ContractCoding.decoder().decode(SubjectSummary.self, from: JSONEncoder().encode($0))
                    }
                    // Records of people under special legal protection are never disclosed to providers.
                    if subject?.protected == true {
                        throw Problem.conflict("enrichment.protected-subject", detail: "this subject's records are never disclosed to providers")
                    }
                    let lead = record.canonicalLead
                    let address = (lead?.person?.addresses ?? []).first.map { address -> [String: String] in
                        var fields = ["line1": address.lines.first ?? "", "country": address.country.rawValue]
                        fields["city"] = address.city
                        fields["state"] = address.state
                        fields["zip"] = address.zip5
                        return fields
                    }
                    let requested = EnrichmentRequested(
                        requestID: EventID.random(), leadID: leadID, subjectID: record.workflow.subjectID, purpose: body.purpose,
                        wanted: body.wanted.sorted(), name: subject?.primaryName, dateOfBirth: subject?.dateOfBirth,
                        lastKnownAddress: address, requestedBy: user, requestedAt: Date())
                    try enrichments.recordRequest(requested, on: db)
                    try api.emit(
                        type: EventType.enrichmentRequested, data: requested, subject: leadID, id: requested.requestID,
                        correlationID: context.requestID, on: db)
                    try api.audit.record(
                        context.auditEvent(
                            api, action: "enrichment.request", objectType: "enrichment-request", objectID: requested.requestID,
                            subjectIDs: [record.workflow.subjectID], leadIDs: [leadID],
                            details: ["purpose": .string(body.purpose), "wanted": .array(body.wanted.map(AuditValue.string))]),
                        on: db, receipt: context.auditReceipt)
                    return requested
                }
                return try .json(["requestId": sent.requestID], status: .accepted)
            },
            Route(.post, "/leads/:id/enrichment-items/:item/decision", roles: [.analyst], summary: "Accept or reject a provider's item") {
                request, context in
                let leadID = try context.parameter("id")
                let itemID = try context.parameter("item")
                let body = try await request.decodeJSON(DecisionBody.self, context: context)
                guard ["accept", "reject"].contains(body.decision) else {
                    throw Problem.unprocessable(
                        "enrichment.invalid", detail: "decision is accept or reject",
                        errors: [.init(code: "enrichment.invalid", field: "decision", message: "accept or reject")])
                }
                let user = context.principal!.user
                let detail = try await api.database.transaction { db -> LeadDetail in
                    guard let record = try records.find(leadID, on: db) else { throw Problem.notFound("lead") }
                    guard let item = try enrichments.decide(itemID, leadID: leadID, accept: body.decision == "accept", by: user, on: db) else {
                        throw Problem.conflict("enrichment.not-unconfirmed", detail: "no unconfirmed item with this id on this lead")
                    }
                    if body.decision == "accept" {
                        let kind = ["address", "status", "location"].contains(item.kind) ? item.kind : "other"
                        let finding = Finding(
                            kind: kind, fields: item.fields, recordedBy: user, recordedAt: Date(), source: "provider:\(item.provider)")
                        try db.execute(
                            "INSERT INTO \(quoteIdentifier(api.schema)).notes (note_id, lead_id, author, kind, finding) VALUES ($1::uuid, $2, $3, 'finding', $4::jsonb)",
                            [
                                PGValue(UUID().uuidString.lowercased()), PGValue(leadID), PGValue(user),
                                PGValue(String(decoding: try ContractCoding.encoder().encode(finding), as: UTF8.self)),
                            ])
                    }
                    try api.audit.record(
                        context.auditEvent(
                            api, action: "enrichment.\(body.decision)", objectType: "enrichment-item", objectID: itemID,
                            subjectIDs: [record.workflow.subjectID], leadIDs: [leadID],
                            details: ["before": "unconfirmed", "after": .string(body.decision == "accept" ? "accepted" : "rejected")]),
                        on: db, receipt: context.auditReceipt)
                    return try queries.detail(record, on: db)
                }
                return try .json(detail, headers: [.eTag: entityTag(detail.version)])
            },
        ]
    }
}
