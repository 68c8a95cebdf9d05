import AuditCore
import Crypto
import Foundation
import LeadTracRuntime

/// The Ed25519 key that signs checkpoints, and the public keys that verify them.
///
/// `LEADTRAC_AUDIT_SIGNING_KEY_FILE` holds the base64 of a raw 32-byte private key and
/// `LEADTRAC_AUDIT_SIGNING_KEY_ID` names it; a verifier is given every key id still in use
/// (`leadtrac audit verify --public-key ID=BASE64`), so keys rotate without re-signing. Without
/// a key file the service signs with the public development key and says so at start.
public enum CheckpointKeys {
    public static let developmentKeyID = "audit-dev-1"
    static let developmentPrivate = "V53Joo4VcMrC0KXpnUWBUlle5b6WZFYahE1SstBclBg="
    public static let developmentPublic = "sfAYGoEZI1DXOdeMhoHoH8b5QhsNH6IabbuCArzww3I="

    public static func signer(environment: Environment = Environment()) throws -> (signer: CheckpointSigner, development: Bool) {
        let keyID = try environment.string("LEADTRAC_AUDIT_SIGNING_KEY_ID", default: developmentKeyID)
        guard let path = try environment.string("LEADTRAC_AUDIT_SIGNING_KEY_FILE") else {
            return (try signer(base64: developmentPrivate, keyID: developmentKeyID), true)
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigurationError(setting: "LEADTRAC_AUDIT_SIGNING_KEY_FILE", problem: "cannot read \(path)")
        }
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        do {
            return (try signer(base64: text, keyID: keyID), false)
        } catch {
            throw ConfigurationError(setting: "LEADTRAC_AUDIT_SIGNING_KEY_FILE", problem: "not the base64 of a 32-byte Ed25519 key")
        }
    }

    static func signer(base64: String, keyID: String) throws -> CheckpointSigner {
        guard let raw = Data(base64Encoded: base64) else { throw CryptoKitError.incorrectKeySize }
        return CheckpointSigner(privateKey: try Curve25519.Signing.PrivateKey(rawRepresentation: raw), keyID: keyID)
    }

    /// Public keys from `ID=BASE64` pairs (the development key when none is given).
    public static func verifier(_ pairs: [String]) throws -> CheckpointVerifier {
        var keys: [String: Curve25519.Signing.PublicKey] = [:]
        for pair in pairs.isEmpty ? ["\(developmentKeyID)=\(developmentPublic)"] : pairs {
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, let raw = Data(base64Encoded: parts[1]) else {
                throw ConfigurationError(setting: "--public-key", problem: "expected ID=BASE64")
            }
            keys[parts[0]] = try Curve25519.Signing.PublicKey(rawRepresentation: raw)
        }
        return CheckpointVerifier(publicKeys: keys)
    }
}
