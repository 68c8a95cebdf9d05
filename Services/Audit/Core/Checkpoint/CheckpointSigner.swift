import Crypto
import Foundation

/// Signs checkpoints with one Ed25519 key.
public struct CheckpointSigner: Sendable {
    public let keyID: String
    private let privateKey: Curve25519.Signing.PrivateKey

    public init(privateKey: Curve25519.Signing.PrivateKey, keyID: String) {
        self.privateKey = privateKey
        self.keyID = keyID
    }

    /// The key to give ``CheckpointVerifier`` under ``keyID``.
    public var publicKey: Curve25519.Signing.PublicKey { privateKey.publicKey }

    /// A signed checkpoint for the first `treeSize` records.
    ///
    /// - Parameters:
    ///   - merkleRoot: ``MerkleAccumulator/root`` after `treeSize` leaves.
    ///   - chainHead: the hash of record `treeSize` (``HashChain/lastHash``).
    ///   - time: when it is signed; rounded to the millisecond.
    public func sign(treeSize: Int64, merkleRoot: Digest32, chainHead: Digest32, time: Date) throws -> Checkpoint {
        precondition(treeSize >= 0, "a tree size is not negative")
        var checkpoint = Checkpoint(
            treeSize: treeSize, merkleRoot: merkleRoot, chainHead: chainHead, time: time, keyID: keyID,
            signature: Data())
        checkpoint.signature = try privateKey.signature(for: checkpoint.signedBytes)
        return checkpoint
    }
}
