import Foundation
import JWTKit

/// Checks bearer tokens: signature by key id (so keys can rotate: publish the new key beside
/// the old, then retire the old), expiry, issuer and audience.
public struct TokenVerifier: Sendable {
    /// Why a token was refused; the API answers 401 with the reason's code.
    public struct Failure: Error, Sendable, Equatable, CustomStringConvertible {
        public enum Code: String, Sendable {
            case malformed = "token.malformed"
            case missingKeyID = "token.missing-kid"
            case unknownKey = "token.unknown-kid"
            case badSignature = "token.bad-signature"
            case expired = "token.expired"
            case wrongIssuer = "token.wrong-issuer"
            case wrongAudience = "token.wrong-audience"
            case noRoles = "token.no-roles"
        }

        public let code: Code
        public var description: String { code.rawValue }
    }

    private let keys: JWTKeyCollection
    private let keyIDs: Set<String>
    public let configuration: AuthConfiguration

    public init(configuration: AuthConfiguration) async throws {
        self.configuration = configuration
        let keys = JWTKeyCollection()
        switch configuration.keys {
        case .development:
            let key = try EdDSA.PublicKey(x: DevelopmentKey.publicX, curve: .ed25519)
            await keys.add(eddsa: key, kid: JWKIdentifier(string: DevelopmentKey.keyID))
            keyIDs = [DevelopmentKey.keyID]
        case .jwks(let json):
            try await keys.add(jwksJSON: json)
            let set = try JSONDecoder().decode(JWKS.self, from: Data(json.utf8))
            keyIDs = Set(set.keys.compactMap { $0.keyIdentifier?.string })
        }
        self.keys = keys
    }

    /// The verified principal, or the reason the token is refused.
    public func verify(_ token: String) async throws(Failure) -> Principal {
        guard let keyID = Self.keyID(of: token) else {
            throw Failure(code: token.split(separator: ".").count == 3 ? .missingKeyID : .malformed)
        }
        guard keyIDs.contains(keyID) else { throw Failure(code: .unknownKey) }
        let claims: AccessClaims
        do {
            claims = try await keys.verify(token, as: AccessClaims.self)
        } catch let error as JWTError {
            switch error.errorType {
            case .claimVerificationFailure: throw Failure(code: .expired)
            case .signatureVerificationFailed: throw Failure(code: .badSignature)
            default: throw Failure(code: .malformed)
            }
        } catch {
            throw Failure(code: .malformed)
        }
        guard claims.iss.value == configuration.issuer else { throw Failure(code: .wrongIssuer) }
        guard claims.aud.value.contains(configuration.audience) else { throw Failure(code: .wrongAudience) }
        let roles = Set(claims.roles.compactMap(Role.init(rawValue:)))
        guard !roles.isEmpty else { throw Failure(code: .noRoles) }
        return Principal(user: claims.sub.value, roles: roles, tokenID: claims.jti.value)
    }

    /// The `kid` of a compact JWS header, without trusting anything else in it.
    static func keyID(of token: String) -> String? {
        guard let header = token.split(separator: ".", omittingEmptySubsequences: false).first,
            let data = Data(base64URL: String(header)),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        else { return nil }
        return object["kid"] as? String
    }
}

/// Signs tokens with the development key: `leadtrac token`, the demo and the tests.
public struct DevelopmentTokenIssuer: Sendable {
    public var issuer: String
    public var audience: String

    public init(issuer: String = DevelopmentKey.issuer, audience: String = "leadtrac") {
        self.issuer = issuer
        self.audience = audience
    }

    public func token(
        user: String, roles: [Role], lifetime: Duration = .seconds(8 * 3600), now: Date = Date(),
        tokenID: String = UUID().uuidString.lowercased(), keyID: String = DevelopmentKey.keyID
    ) async throws -> String {
        let keys = JWTKeyCollection()
        let key = try EdDSA.PrivateKey(d: DevelopmentKey.privateD, curve: .ed25519)
        await keys.add(eddsa: key, kid: JWKIdentifier(string: keyID))
        let claims = AccessClaims(
            issuer: issuer, audience: audience, user: user, roles: roles.map(\.rawValue), issuedAt: now,
            expiresAt: now.addingTimeInterval(Double(lifetime.components.seconds)), tokenID: tokenID)
        return try await keys.sign(claims, kid: JWKIdentifier(string: keyID))
    }
}

extension Data {
    /// Decodes base64url without padding (RFC 7515).
    init?(base64URL text: String) {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        self.init(base64Encoded: base64)
    }
}
