import Foundation

/// How a service checks bearer tokens (docs/operations.md, "Authentication").
public struct AuthConfiguration: Sendable {
    /// Where the verification keys come from.
    public enum Keys: Sendable, Equatable {
        /// The repository's public development key (`DevelopmentKey`): local runs and tests only.
        case development
        /// A JSON Web Key Set (the identity provider's public keys, each with a `kid`).
        case jwks(String)
    }

    /// `LEADTRAC_JWT_ISSUER`: the `iss` every token must carry.
    public var issuer: String
    /// `LEADTRAC_JWT_AUDIENCE`: a value the token's `aud` must contain.
    public var audience: String
    /// `LEADTRAC_JWT_JWKS_FILE`: the key set; unset means the development key.
    public var keys: Keys

    public init(issuer: String = DevelopmentKey.issuer, audience: String = "leadtrac", keys: Keys = .development) {
        self.issuer = issuer
        self.audience = audience
        self.keys = keys
    }

    public init(environment: Environment) throws(ConfigurationError) {
        issuer = try environment.string("LEADTRAC_JWT_ISSUER", default: DevelopmentKey.issuer)
        audience = try environment.string("LEADTRAC_JWT_AUDIENCE", default: "leadtrac")
        if let path = try environment.string("LEADTRAC_JWT_JWKS_FILE") {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw ConfigurationError(setting: "LEADTRAC_JWT_JWKS_FILE", problem: "cannot read \(path)")
            }
            keys = .jwks(String(decoding: data, as: UTF8.self))
        } else {
            keys = .development
        }
    }
}
