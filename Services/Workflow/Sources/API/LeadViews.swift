import Foundation
import LeadTracContracts
import LeadTracRuntime
import LeadTracStorage
import WorkflowCore

/// A lead as the API shows it: workflow state, SLA clock, priority with its explanation, the lead
/// and subject data, notes and findings, and the history.
struct LeadDetail: Encodable, Sendable {
    struct Clock: Encodable, Sendable {
        var due: Date
        var overdue: Bool
    }

    struct Note: Encodable, Sendable {
        var noteId: String
        var author: String
        var kind: String
        var body: String?
        var finding: Finding?
        var createdAt: Date
    }

    var leadId: String
    var subjectId: String
    var state: String
    var version: Int
    var assignee: String?
    var tier: String?
    var points: Int?
    var category: String?
    var source: String?
    var queuedAt: Date
    var stateEnteredAt: Date
    var sla: Clock?
    var reopenedChanges: [String]?
    var priority: JSONValue?
    var lead: JSONValue?
    var subject: JSONValue?
    var notes: [Note]
    var enrichmentRequests: [Enrichments.RequestView]
    /// Provider results: unconfirmed until an analyst accepts or rejects each.
    var enrichmentItems: [Enrichments.ItemView]
    var history: [Transition]

    /// The fields a view shows, for its audit event.
    static let fieldsShown: AuditValue = ["state", "priority", "lead", "subject", "notes", "enrichment", "history"]
}

/// The lead's version as an entity tag: `"v3"`.
func entityTag(_ version: Int) -> String { "\"v\(version)\"" }

/// The version an If-Match header names, or a problem (428 when absent, 412 when unreadable).
func expectedVersion(_ request: Request) throws -> Int {
    guard let header = request.headers[.ifMatch] else {
        throw Problem(
            status: .preconditionRequired, code: "version.required", title: "If-Match required",
            detail: "send If-Match with the ETag of the lead you changed")
    }
    let text = header.trimmingCharacters(in: CharacterSet(charactersIn: "\" W/"))
    guard text.hasPrefix("v"), let version = Int(text.dropFirst()) else {
        throw Problem.preconditionFailed(detail: "If-Match does not name a version of this lead")
    }
    return version
}

import Hummingbird

struct LeadQueries: Sendable {
    let records: LeadRecords
    let sla = SLAPolicy.default
    var enrichments: Enrichments { Enrichments(schema: records.schema) }

    func detail(_ leadID: String, on db: PGConnection) throws -> LeadDetail? {
        guard let record = try records.find(leadID, on: db) else { return nil }
        return try detail(record, on: db)
    }

    func detail(_ record: LeadRecord, on db: PGConnection) throws -> LeadDetail {
        let workflow = record.workflow
        let notes = try db.execute(
            """
            SELECT note_id::text, author, kind, body, finding::text, created_at FROM \(quoteIdentifier(records.schema)).notes
            WHERE lead_id = $1 ORDER BY created_at, note_id
            """, [PGValue(record.leadID)]
        ).rows.map { row in
            LeadDetail.Note(
                noteId: try row.decode(String.self, at: 0), author: try row.decode(String.self, at: 1),
                kind: try row.decode(String.self, at: 2), body: try row.decode(String?.self, at: 3),
                finding: try row.decode(String?.self, at: 4).map { try ContractCoding.decoder().decode(Finding.self, from: Data($0.utf8)) },
                createdAt: try row.decode(Date.self, at: 5))
        }
        let clock = record.tier.flatMap {
            sla.clock(state: workflow.state, tier: $0, category: record.category, enteredAt: workflow.stateEnteredAt)
        }
        return LeadDetail(
            leadId: record.leadID, subjectId: workflow.subjectID, state: workflow.state.rawValue, version: workflow.version,
            assignee: workflow.assignee, tier: record.tier?.rawValue, points: record.points, category: record.category,
            source: record.source, queuedAt: record.queuedAt, stateEnteredAt: workflow.stateEnteredAt,
            sla: clock.map { .init(due: $0.due, overdue: $0.isOverdue(now: Date())) }, reopenedChanges: record.reopenedChanges,
            priority: record.priority, lead: record.lead, subject: record.subject, notes: notes,
            enrichmentRequests: try enrichments.requests(of: record.leadID, on: db),
            enrichmentItems: try enrichments.items(of: record.leadID, on: db),
            history: try records.history(of: record.leadID, on: db))
    }
}
