import Foundation

/// `account.changed.v1`: the state of one user account after a supervisor or admin changed it.
///
/// The audit service owns accounts; every service that serves people keeps the latest state of
/// each account it has heard of, so an archived account is refused by all of them even while
/// its token has not expired. Carries the whole state (not a delta), with a version so that a
/// late, older message never overwrites a newer one.
public struct AccountChanged: Sendable, Codable, Hashable {
    public var user: String
    /// The roles the account may act in; a token's role outside this set is refused.
    public var roles: [String]
    public var archived: Bool
    /// Increases with every change of this account.
    public var version: Int64
    public var changedBy: String
    public var changedAt: Date

    public init(user: String, roles: [String], archived: Bool, version: Int64, changedBy: String, changedAt: Date) {
        self.user = user
        self.roles = roles
        self.archived = archived
        self.version = version
        self.changedBy = changedBy
        self.changedAt = changedAt
    }
}
