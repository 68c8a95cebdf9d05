import LeadTracContracts
import Foundation

/// A signed statement of the trail's state: "the first `treeSize` records have this Merkle
/// root and this chain head".
///
/// Checkpoints are what make a rewrite detectable. Someone who can write to the database can
/// change a record and recompute every later hash, and the chain is then consistent again;
/// without the signing key they cannot produce a checkpoint for the new state, so the signed
/// root and head of an earlier checkpoint no longer match. Store checkpoints apart from the
/// records (and publish them, if possible), and sign often: records after the last checkpoint
/// are protected by nothing but the chain.
public struct Checkpoint: Sendable, Hashable, Codable {
    /// The number of records covered: positions 1 through `treeSize`.
    public var treeSize: Int64
    /// The RFC 6962 Merkle tree hash of the covered records' leaf hashes.
    public var merkleRoot: Digest32
    /// The hash of record `treeSize` (``Digest32/zero`` for an empty trail).
    public var chainHead: Digest32
    /// When it was signed, in whole milliseconds since 1970.
    public var millisecondsSince1970: Int64
    /// Which key signed it, so that keys can be rotated.
    public var keyID: String
    /// Ed25519 over ``signedBytes``.
    public var signature: Data

    public var time: Date {
        get { AuditTimestamp.date(millisecondsSince1970) }
        set { millisecondsSince1970 = AuditTimestamp.milliseconds(newValue) }
    }

    /// - Parameter time: rounded to the nearest millisecond.
    public init(
        treeSize: Int64, merkleRoot: Digest32, chainHead: Digest32, time: Date, keyID: String, signature: Data
    ) {
        self.treeSize = treeSize
        self.merkleRoot = merkleRoot
        self.chainHead = chainHead
        self.millisecondsSince1970 = AuditTimestamp.milliseconds(time)
        self.keyID = keyID
        self.signature = signature
    }

    /// The context that starts every signed checkpoint, so that a signature over a checkpoint
    /// can never be taken for a signature over anything else made with the same key.
    public static let signatureContext = "leadtrac.audit.checkpoint.v1"

    /// The bytes the signature covers, every field but the signature:
    ///
    /// ```
    /// UTF-8 "leadtrac.audit.checkpoint.v1"  0x00
    /// treeSize:i64  merkleRoot:32 bytes  chainHead:32 bytes  time:i64 (ms since 1970)
    /// keyID: length:u32 UTF-8
    /// ```
    ///
    /// (integers big-endian). The key id is signed too, so that a checkpoint cannot be passed
    /// off under another key's name.
    public var signedBytes: [UInt8] {
        var writer = ByteWriter(capacity: 128)
        writer.bytes.append(contentsOf: Self.signatureContext.utf8)
        writer.byte(0)
        writer.int64(treeSize)
        merkleRoot.withUnsafeBytes { writer.bytes.append(contentsOf: $0) }
        chainHead.withUnsafeBytes { writer.bytes.append(contentsOf: $0) }
        writer.int64(millisecondsSince1970)
        writer.string(keyID)
        return writer.bytes
    }
}
