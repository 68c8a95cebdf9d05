import Foundation
import Hummingbird
import LeadTracContracts
import LeadTracRuntime

/// `GET /accounts`, `GET /accounts/:user`, `PUT /accounts/:user`: supervisors and admins manage
/// who may act in which role. Only an admin may grant or take away `admin` or `supervisor`.
enum AccountRoutes {
    struct Change: Decodable {
        var roles: [String]
        var archived: Bool?
    }

    static let managers: Set<Role> = [.supervisor, .admin]

    static func routes(_ api: APIEnvironment) -> [Route] {
        let registry = AccountRegistry(schema: api.schema)
        return [
            Route(.get, "/accounts", roles: managers, summary: "List accounts") { _, _ in
                try .json(try await api.database.run { try registry.list(on: $0) })
            },
            Route(.get, "/accounts/:user", roles: managers, summary: "One account") { _, context in
                let user = try context.parameter("user")
                guard let account = try await api.database.run({ try registry.find(user, on: $0) }) else {
                    throw Problem.notFound("account")
                }
                return try .json(account)
            },
            Route(.put, "/accounts/:user", roles: managers, summary: "Create or change an account") { request, context in
                let user = try context.parameter("user")
                let change = try await request.decodeJSON(Change.self, context: context)
                let roles = try parseRoles(change.roles)
                let actor = context.principal!.user
                let actorIsAdmin = context.role == .admin
                let account = try await api.database.transaction { connection in
                    let before = try registry.find(user, on: connection, lock: true)
                    let touched = Set(roles).symmetricDifference(Set((before?.roles ?? []).compactMap(Role.init(rawValue:))))
                    if !actorIsAdmin, !touched.isDisjoint(with: [.admin, .supervisor]) {
                        throw Problem.forbidden(detail: "only an admin grants or removes the admin and supervisor roles")
                    }
                    let after = try registry.save(
                        user: user, roles: roles, archived: change.archived ?? before?.archived ?? false, by: actor,
                        on: connection)
                    // This service's own copy changes in the same transaction: refused here at once,
                    // elsewhere as soon as the announcement arrives.
                    try AccountDirectory(schema: api.schema).apply(after.announcement, on: connection)
                    try api.emit(type: EventType.accountChanged, data: after.announcement, subject: user, on: connection)
                    try api.audit.record(
                        context.auditEvent(
                            api, action: before == nil ? "account.create" : "account.change", objectType: "account",
                            objectID: user, details: ["before": before?.auditValue ?? .null, "after": after.auditValue]),
                        on: connection, receipt: context.auditReceipt)
                    return after
                }
                return try .json(account)
            },
        ]
    }

    static func parseRoles(_ names: [String]) throws -> [Role] {
        var roles: [Role] = []
        var problems: [Problem.FieldError] = []
        for (index, name) in names.enumerated() {
            if let role = Role(rawValue: name) {
                roles.append(role)
            } else {
                problems.append(.init(code: "role.unknown", field: "roles[\(index)]", message: "not a role"))
            }
        }
        guard problems.isEmpty else {
            throw Problem.unprocessable("account.invalid", detail: "unknown roles", errors: problems)
        }
        return roles
    }
}
