import Foundation
import JWTKit

/// The claims of a LeadTrac access token: standard registered claims plus `roles`.
///
/// Verification checks the signature (by key id), expiry, not-before, issuer and audience;
/// `TokenVerifier` supplies the expected issuer and audience.
public struct AccessClaims: JWTPayload, Equatable {
    public var iss: IssuerClaim
    public var aud: AudienceClaim
    public var sub: SubjectClaim
    public var exp: ExpirationClaim
    public var iat: IssuedAtClaim
    public var nbf: NotBeforeClaim?
    public var jti: IDClaim
    public var roles: [String]

    public init(
        issuer: String, audience: String, user: String, roles: [String], issuedAt: Date, expiresAt: Date,
        tokenID: String = UUID().uuidString.lowercased()
    ) {
        iss = IssuerClaim(value: issuer)
        aud = AudienceClaim(value: [audience])
        sub = SubjectClaim(value: user)
        exp = ExpirationClaim(value: expiresAt)
        iat = IssuedAtClaim(value: issuedAt)
        nbf = nil
        jti = IDClaim(value: tokenID)
        self.roles = roles
    }

    public func verify(using algorithm: some JWTAlgorithm) async throws {
        try exp.verifyNotExpired()
        try nbf?.verifyNotBefore()
    }
}
