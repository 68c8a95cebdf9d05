import Foundation
import Hummingbird
import LeadTracContracts
import LeadTracRuntime
import LeadTracStorage
import PrioritizerCore

/// The prioritizer's API.
///
/// Supervisors manage rule sets (a rule file travels as JSON: `{"yaml": "...", "fileName": "x.yaml"}`):
/// - `GET /rule-sets`: every stored version, the active one marked.
/// - `POST /rule-sets/validate`: 200 with the version, or 422 listing every problem with its
///   file, line, rule and code.
/// - `POST /rule-sets/diff`: the what-if over all open leads (counts by from → to, examples;
///   the examples show leads' facts, so it is audited as `ruleset.diff`).
/// - `POST /rule-sets`: activate: re-score all open leads, announce the changed ones, audited
///   as `ruleset.activate`.
///
/// Analysts, reviewers and supervisors read a lead's score:
/// - `GET /leads/:id/score`: the current score with its explanation (audited as `lead.score.view`).
enum RuleSetRoutes {
    struct RuleFile: Decodable {
        var yaml: String
        var fileName: String?
    }

    struct Validated: Encodable {
        var valid: Bool
        var version: String
        var declaredVersion: String
        var rules: Int
        var tiers: [String]
    }

    static let supervisors: Set<Role> = [.supervisor]
    static let scoreReaders: Set<Role> = [.analyst, .reviewer, .supervisor]

    static func routes(_ api: APIEnvironment) -> [Route] {
        let store = RuleSetStore(schema: api.schema)
        let scores = ScoreStore(schema: api.schema)
        let activation = RuleSetActivation(schema: api.schema)
        return [
            Route(.get, "/rule-sets", roles: supervisors, summary: "List rule-set versions") { _, _ in
                try .json(try await api.database.transaction { db in
                    _ = try store.active(on: db)  // a fresh database lists its seeded default
                    return try store.list(on: db)
                })
            },
            Route(.post, "/rule-sets/validate", roles: supervisors, summary: "Validate a rule file") { request, context in
                let file = try await request.decodeJSON(RuleFile.self, context: context)
                let rules = try parse(file)
                return try .json(
                    Validated(
                        valid: true, version: rules.version, declaredVersion: rules.declaredVersion, rules: rules.rules.count,
                        tiers: rules.tiers.map(\.name)))
            },
            Route(.post, "/rule-sets/diff", roles: supervisors, personalData: .view, summary: "What-if over all open leads") {
                request, context in
                let file = try await request.decodeJSON(RuleFile.self, context: context)
                let rules = try parse(file)
                let report = try await api.database.run { db in try activation.diff(rules, on: db) }
                try await api.database.transaction { db in
                    try api.audit.record(
                        context.auditEvent(
                            api, action: "ruleset.diff", objectType: "rule-set", objectID: rules.version,
                            leadIDs: report.examples.map(\.id),
                            details: ["total": .int(Int64(report.total)), "changedTier": .int(Int64(report.changedTier))]),
                        on: db, receipt: context.auditReceipt)
                }
                return try .json(report)
            },
            Route(.post, "/rule-sets", roles: supervisors, summary: "Activate a rule set (re-scores all open leads)") {
                request, context in
                let file = try await request.decodeJSON(RuleFile.self, context: context)
                let rules = try parse(file)
                let (user, role, requestID) = (context.principal!.user, context.role!.rawValue, context.requestID)
                let report = try await api.database.run { db in
                    try activation.activate(
                        rules, yaml: file.yaml, file: file.fileName ?? "upload.yaml", by: user, role: role, requestID: requestID,
                        on: db)
                }
                return try .json(report, status: report.alreadyActive ? .ok : .created)
            },
            Route(.get, "/leads/:id/score", roles: scoreReaders, personalData: .view, summary: "A lead's score and why") {
                _, context in
                let id = try context.parameter("id").lowercased()
                let found = try await api.database.transaction { db in
                    let found = try scores.current(id, on: db)
                    try api.audit.record(
                        context.auditEvent(
                            api, action: "lead.score.view", objectType: "lead", objectID: id,
                            subjectIDs: found.map { [$0.subjectID] } ?? [], leadIDs: [id],
                            details: ["found": .bool(found != nil)]),
                        on: db, receipt: context.auditReceipt)
                    return found
                }
                guard let found else { throw Problem.notFound("scored lead") }
                return try .json(found)
            },
        ]
    }

    /// The rule file parsed, or a 422 problem listing every problem (`field` is `file:line[:column]`).
    static func parse(_ file: RuleFile) throws -> RuleSet {
        do {
            return try RuleSet.parse(yaml: file.yaml, file: file.fileName ?? "upload.yaml")
        } catch {
            throw Problem.unprocessable(
                "rules.invalid", detail: "\(error.problems.count) problem(s) in the rule file",
                errors: error.problems.map { problem in
                    .init(
                        code: problem.code.rawValue,
                        field: "\(problem.file):\(problem.line)" + (problem.column.map { ":\($0)" } ?? ""),
                        message: (problem.rule.map { "rule '\($0)': " } ?? "") + problem.message)
                })
        }
    }
}
