import Foundation
import LeadTracContracts
import LeadTracMessaging
import LeadTracStorage

/// The service's copy of the account registry (table `accounts`, spine migration 2).
///
/// The audit service owns accounts and announces every change as `account.changed.v1`; each
/// service applies it here (`AccountChangesHandler`) and consults it on every request. A user
/// the registry has never heard of acts on the strength of the token alone (the identity
/// provider vouches for them); a known user may act only in the roles the registry grants, and
/// not at all once archived.
public struct AccountDirectory: Sendable {
    /// The registry's word on one user.
    public enum Standing: Sendable, Equatable {
        case unknown
        case active(roles: Set<Role>)
        case archived
    }

    private let lookupSQL: String
    private let applySQL: String

    public init(schema: String) {
        let table = "\(quoteIdentifier(schema)).accounts"
        lookupSQL = "SELECT roles, archived FROM \(table) WHERE user_id = $1"
        applySQL = """
            INSERT INTO \(table) (user_id, roles, archived, version, changed_at) VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (user_id) DO UPDATE
                SET roles = EXCLUDED.roles, archived = EXCLUDED.archived, version = EXCLUDED.version,
                    changed_at = EXCLUDED.changed_at
                WHERE \(table).version < EXCLUDED.version
            """
    }

    public func standing(of user: String, on connection: PGConnection) throws -> Standing {
        let rows = try connection.execute(lookupSQL, [PGValue(user)]).rows
        guard let row = rows.first else { return .unknown }
        if try row.decode(Bool.self, at: 1) { return .archived }
        let roles = try row.decode([String].self, at: 0)
        return .active(roles: Set(roles.compactMap(Role.init(rawValue:))))
    }

    /// Applies a change unless a newer version is already there (messages may arrive out of order).
    public func apply(_ change: AccountChanged, on connection: PGConnection) throws {
        try connection.execute(
            applySQL,
            [
                PGValue(change.user), PGValue(change.roles), PGValue(change.archived), PGValue(change.version),
                PGValue(change.changedAt),
            ])
    }
}

/// Keeps `AccountDirectory` current from `account.changed.v1`.
public struct AccountChangesHandler: MessageHandler {
    let directory: AccountDirectory

    public init(schema: String) {
        directory = AccountDirectory(schema: schema)
    }

    public func handle(_ event: CloudEvent, context: HandlerContext) throws {
        let change: AccountChanged
        do {
            change = try ContractCoding.decoder().decode(AccountChanged.self, from: Data(event.data))
        } catch {
            throw MessageRejection(code: "contract.undecodable", message: "account.changed.v1 body does not decode")
        }
        try directory.apply(change, on: context.database)
    }

    /// The queue of a service's copy: `<service>.accounts`, bound to every `account.changed` version.
    public static func queue(service: String) -> QueueSpec {
        QueueSpec(
            name: "\(service).accounts",
            bindings: [.init(exchange: Exchange.events, routingKey: "account.changed.*")])
    }
}
