/// Who is calling, as proven by a verified token.
public struct Principal: Sendable, Hashable {
    /// The user id (the token's `sub`).
    public var user: String
    /// The roles the token grants (already narrowed by the account registry, if it knows the user).
    public var roles: Set<Role>
    /// The token's `jti`, used to audit the first use of a token (the logon).
    public var tokenID: String

    public init(user: String, roles: Set<Role>, tokenID: String) {
        self.user = user
        self.roles = roles
        self.tokenID = tokenID
    }

    /// The role the principal acts in on a route admitting `admitted`: the first shared role in
    /// the order of `Role.allCases`, or nil when none is shared.
    public func actingRole(among admitted: Set<Role>) -> Role? {
        roles.intersection(admitted).min()
    }
}
