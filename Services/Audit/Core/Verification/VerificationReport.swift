/// The outcome of verifying a trail from its first record.
public struct VerificationReport: Sendable, Hashable {
    /// Rows read, including any after the first failure.
    public var rowsRead: Int64
    /// Records verified before the first failure (positions 1 through this).
    public var recordsVerified: Int64
    /// Checkpoints whose signature, Merkle root and chain head all matched.
    public var checkpointsVerified: Int
    /// The largest tree size of a matching checkpoint (0 if none).
    public var lastCheckpointTreeSize: Int64
    /// The Merkle root of the verified records: what a new checkpoint would sign.
    public var merkleRoot: Digest32
    /// The hash of the last verified record.
    public var chainHead: Digest32
    /// The first problem, or nil if the trail is intact.
    public var failure: VerificationFailure?

    public var isIntact: Bool { failure == nil }

    /// Verified records that no matching checkpoint covers yet: they are chained, but a writer
    /// with database access could rewrite or drop them without being detected.
    public var recordsWithoutCheckpoint: Int64 { recordsVerified - lastCheckpointTreeSize }
}
