import Foundation
import LeadTracContracts
import LeadTracMessaging
import LeadTracRuntime
import LeadTracStorage

/// The source of truth for user accounts: which roles each user may act in, and whether the
/// account is archived. Supervisors and admins change it through the API; every change is
/// announced as `account.changed.v1` (every service keeps a copy) and audited with before/after.
struct AccountRegistry: Sendable {
    struct Account: Sendable, Codable, Equatable {
        var user: String
        var roles: [String]
        var archived: Bool
        var version: Int64
        var changedBy: String
        var changedAt: Date
    }

    let schema: String
    private var table: String { "\(quoteIdentifier(schema)).account_registry" }

    func list(on connection: PGConnection) throws -> [Account] {
        try connection.execute(
            "SELECT user_id, roles, archived, version, changed_by, changed_at FROM \(table) ORDER BY user_id"
        ).rows.map(Self.account)
    }

    func find(_ user: String, on connection: PGConnection, lock: Bool = false) throws -> Account? {
        try connection.execute(
            "SELECT user_id, roles, archived, version, changed_by, changed_at FROM \(table) WHERE user_id = $1\(lock ? " FOR UPDATE" : "")",
            [PGValue(user)]
        ).rows.first.map(Self.account)
    }

    /// Writes the account's new state (version + 1) and returns it.
    func save(user: String, roles: [Role], archived: Bool, by actor: String, on connection: PGConnection) throws -> Account {
        let row = try connection.execute(
            """
            INSERT INTO \(table) (user_id, roles, archived, version, changed_by, changed_at) VALUES ($1, $2, $3, 1, $4, now())
            ON CONFLICT (user_id) DO UPDATE SET roles = EXCLUDED.roles, archived = EXCLUDED.archived,
                version = \(table).version + 1, changed_by = EXCLUDED.changed_by, changed_at = EXCLUDED.changed_at
            RETURNING user_id, roles, archived, version, changed_by, changed_at
            """,
            [PGValue(user), PGValue(roles.sorted().map(\.rawValue)), PGValue(archived), PGValue(actor)]
        ).rows[0]
        return try Self.account(row)
    }

    private static func account(_ row: PGRow) throws -> Account {
        Account(
            user: try row.decode(String.self, at: 0), roles: try row.decode([String].self, at: 1),
            archived: try row.decode(Bool.self, at: 2), version: try row.decode(Int64.self, at: 3),
            changedBy: try row.decode(String.self, at: 4), changedAt: try row.decode(Date.self, at: 5))
    }
}

extension AccountRegistry.Account {
    var announcement: AccountChanged {
        AccountChanged(user: user, roles: roles, archived: archived, version: version, changedBy: changedBy, changedAt: changedAt)
    }

    var auditValue: AuditValue {
        ["roles": .array(roles.map { .string($0) }), "archived": .bool(archived), "version": .int(version)]
    }
}
