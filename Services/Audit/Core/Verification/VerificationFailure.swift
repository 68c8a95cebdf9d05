/// The first thing found wrong with a trail: what kind of tampering it looks like, and where.
///
/// The message names positions, tree sizes and key ids only, never event content, so it can
/// go to logs and alerts as is.
public struct VerificationFailure: Error, Sendable, Hashable, CustomStringConvertible {
    /// How the verifier classifies what it found (see ``ChainVerifier`` for the rules).
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// A record's content no longer matches its hash, or was changed with only its own hash
        /// recomputed.
        case modified
        /// One or more records are missing (a gap in positions, or later records moved up).
        case deleted
        /// A record was added that the chain did not have (an extra or duplicate position).
        case inserted
        /// Records are out of their original order.
        case reordered
        /// Fewer records than a valid checkpoint covers.
        case truncated
        /// A checkpoint whose signature does not verify, or whose key id is unknown.
        case badCheckpointSignature
        /// A validly signed checkpoint whose Merkle root or chain head differs from the records.
        case checkpointMismatch
    }

    public var kind: Kind
    /// The first bad position, as precisely as the evidence allows:
    /// - record kinds: the first record that is wrong or missing;
    /// - ``Kind/truncated``: the first missing position;
    /// - ``Kind/badCheckpointSignature``: the checkpoint's tree size;
    /// - ``Kind/checkpointMismatch``: the first position not covered by an earlier matching
    ///   checkpoint: the change is somewhere from here to `checkpointTreeSize`, and the
    ///   checkpoint alone cannot say where.
    public var position: Int64
    /// The tree size of the checkpoint involved, for the checkpoint kinds and ``Kind/truncated``.
    public var checkpointTreeSize: Int64?
    /// For people: what was found, without personal data.
    public var message: String

    public init(kind: Kind, position: Int64, checkpointTreeSize: Int64? = nil, message: String) {
        self.kind = kind
        self.position = position
        self.checkpointTreeSize = checkpointTreeSize
        self.message = message
    }

    public var description: String { "\(kind.rawValue) at position \(position): \(message)" }
}
