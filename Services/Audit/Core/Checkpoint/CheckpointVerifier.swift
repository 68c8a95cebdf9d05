import Crypto

/// Checks checkpoint signatures against the public keys in use, by key id.
///
/// Rotation: sign new checkpoints with a new key id and keep the retired public keys here as
/// long as checkpoints they signed are kept. Drop a key that may have leaked: its checkpoints
/// then fail, and can be re-signed after the trail they cover has been verified.
public struct CheckpointVerifier: Sendable {
    public let publicKeys: [String: Curve25519.Signing.PublicKey]

    public init(publicKeys: [String: Curve25519.Signing.PublicKey]) {
        self.publicKeys = publicKeys
    }

    /// Throws unless `checkpoint` is signed by the key registered under its key id.
    public func verify(_ checkpoint: Checkpoint) throws(CheckpointSignatureError) {
        guard let key = publicKeys[checkpoint.keyID] else { throw .unknownKeyID }
        guard key.isValidSignature(checkpoint.signature, for: checkpoint.signedBytes) else { throw .invalidSignature }
    }

    /// Whether ``verify(_:)`` would succeed.
    public func isValid(_ checkpoint: Checkpoint) -> Bool {
        do {
            try verify(checkpoint)
            return true
        } catch {
            return false
        }
    }
}

/// Why a checkpoint's signature was not accepted.
public struct CheckpointSignatureError: Error, Sendable, Hashable, CustomStringConvertible {
    private enum Code: Sendable, Hashable {
        case unknownKeyID, invalidSignature
    }

    private let code: Code

    /// No public key is registered under the checkpoint's key id.
    public static let unknownKeyID = CheckpointSignatureError(code: .unknownKeyID)
    /// The signature does not match the checkpoint's fields under the registered key.
    public static let invalidSignature = CheckpointSignatureError(code: .invalidSignature)

    public var description: String {
        switch code {
        case .unknownKeyID: "no public key for the checkpoint's key id"
        case .invalidSignature: "the checkpoint signature does not match its fields"
        }
    }
}
