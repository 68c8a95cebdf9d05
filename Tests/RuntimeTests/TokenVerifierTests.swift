import Foundation
import JWTKit
import LeadTracRuntime
import Testing

@Suite struct TokenVerifierTests {
    let issuer = DevelopmentTokenIssuer()

    func verifier(_ configuration: AuthConfiguration = AuthConfiguration()) async throws -> TokenVerifier {
        try await TokenVerifier(configuration: configuration)
    }

    func failure(_ token: String, with verifier: TokenVerifier) async -> TokenVerifier.Failure.Code? {
        do {
            _ = try await verifier.verify(token)
            return nil
        } catch {
            return error.code
        }
    }

    @Test func validTokenYieldsThePrincipal() async throws {
        let token = try await issuer.token(user: "ana", roles: [.analyst, .reviewer], tokenID: "t-1")
        let principal = try await verifier().verify(token)
        #expect(principal == Principal(user: "ana", roles: [.analyst, .reviewer], tokenID: "t-1"))
    }

    @Test func expiredTokenIsRefused() async throws {
        let token = try await issuer.token(user: "ana", roles: [.analyst], lifetime: .seconds(60), now: Date().addingTimeInterval(-3600))
        #expect(await failure(token, with: try verifier()) == .expired)
    }

    @Test func wrongIssuerIsRefused() async throws {
        let token = try await DevelopmentTokenIssuer(issuer: "someone-else").token(user: "ana", roles: [.analyst])
        #expect(await failure(token, with: try verifier()) == .wrongIssuer)
    }

    @Test func wrongAudienceIsRefused() async throws {
        let token = try await DevelopmentTokenIssuer(audience: "another-system").token(user: "ana", roles: [.analyst])
        #expect(await failure(token, with: try verifier()) == .wrongAudience)
    }

    @Test func tokenWithoutKnownRolesIsRefused() async throws {
        let token = try await issuer.token(user: "ana", roles: [])
        #expect(await failure(token, with: try verifier()) == .noRoles)
    }

    @Test func unknownKeyIDIsRefused() async throws {
        let token = try await issuer.token(user: "ana", roles: [.analyst], keyID: "retired-key")
        #expect(await failure(token, with: try verifier()) == .unknownKey)
    }

    @Test func alteredPayloadFailsTheSignature() async throws {
        let token = try await issuer.token(user: "ana", roles: [.analyst])
        let parts = token.split(separator: ".").map(String.init)
        var payload = try #require(Data(base64URL: parts[1]))
        payload = Data(String(decoding: payload, as: UTF8.self).replacingOccurrences(of: "\"analyst\"", with: "\"auditor\"").utf8)
        let forged = [parts[0], payload.base64URLEncoded, parts[2]].joined(separator: ".")
        #expect(await failure(forged, with: try verifier()) == .badSignature)
    }

    @Test func garbageIsMalformed() async throws {
        #expect(await failure("not-a-token", with: try verifier()) == .malformed)
    }

    /// Rotation: a key set holding the old and the new key accepts tokens signed by either;
    /// once the old key is dropped from the set, its tokens are refused.
    @Test func keysRotateByKeyID() async throws {
        let old = try EdDSA.PrivateKey()
        let new = try EdDSA.PrivateKey()
        func sign(_ key: EdDSA.PrivateKey, kid: String) async throws -> String {
            let keys = JWTKeyCollection()
            await keys.add(eddsa: key, kid: JWKIdentifier(string: kid))
            let claims = AccessClaims(
                issuer: "idp", audience: "leadtrac", user: "ana", roles: ["analyst"], issuedAt: Date(),
                expiresAt: Date().addingTimeInterval(600))
            return try await keys.sign(claims, kid: JWKIdentifier(string: kid))
        }
        func jwks(_ keys: [(EdDSA.PrivateKey, String)]) -> String {
            let entries = keys.map { key, kid in
                #"{"kty":"OKP","crv":"Ed25519","alg":"EdDSA","kid":"\#(kid)","x":"\#(key.publicKey.rawRepresentation.base64URLEncoded)"}"#
            }
            return #"{"keys":[\#(entries.joined(separator: ","))]}"#
        }
        let oldToken = try await sign(old, kid: "k1")
        let newToken = try await sign(new, kid: "k2")
        let both = try await verifier(AuthConfiguration(issuer: "idp", keys: .jwks(jwks([(old, "k1"), (new, "k2")]))))
        #expect(try await both.verify(oldToken).user == "ana")
        #expect(try await both.verify(newToken).user == "ana")
        let newOnly = try await verifier(AuthConfiguration(issuer: "idp", keys: .jwks(jwks([(new, "k2")]))))
        #expect(await failure(oldToken, with: newOnly) == .unknownKey)
        #expect(try await newOnly.verify(newToken).user == "ana")
    }

    @Test func actingRoleIsASharedRole() {
        let principal = Principal(user: "ana", roles: [.reviewer, .analyst], tokenID: "t")
        #expect(principal.actingRole(among: [.reviewer, .supervisor]) == .reviewer)
        #expect(principal.actingRole(among: [.auditor]) == nil)
    }
}

extension Data {
    init?(base64URL text: String) {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        self.init(base64Encoded: base64)
    }

    var base64URLEncoded: String {
        base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
