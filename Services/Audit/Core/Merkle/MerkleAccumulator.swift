/// The RFC 6962 Merkle root of a growing list of leaf hashes, in O(log n) memory.
///
/// Keeps the roots of the perfect subtrees that make up the tree so far (the "frontier"): one
/// per set bit of the size, largest first, like a binary counter. Appending a leaf merges equal
/// subtrees (on average one node hash per leaf); the root folds the frontier from the right,
/// which is exactly RFC 6962's split at the largest power of two below the size.
public struct MerkleAccumulator: Sendable, Hashable, Codable {
    /// The number of leaves appended.
    public private(set) var size: Int64
    /// Roots of the perfect subtrees covering leaves `0..<size`, largest (leftmost) first.
    public private(set) var frontier: [Digest32]

    /// The empty tree.
    public init() {
        size = 0
        frontier = []
        frontier.reserveCapacity(64)
    }

    /// Resumes from a stored state; nil unless the frontier has one root per set bit of `size`.
    public init?(size: Int64, frontier: [Digest32]) {
        guard size >= 0, frontier.count == size.nonzeroBitCount else { return nil }
        self.size = size
        self.frontier = frontier
    }

    /// Adds the next leaf (``AuditHash/leaf(_:)`` of an event's canonical bytes).
    public mutating func append(_ leafHash: Digest32) {
        var merged = leafHash
        var remaining = size
        while remaining & 1 == 1 {
            merged = AuditHash.node(frontier.removeLast(), merged)
            remaining >>= 1
        }
        frontier.append(merged)
        size += 1
    }

    /// The Merkle tree hash of the leaves so far (``AuditHash/emptyTreeRoot`` when empty).
    public var root: Digest32 {
        guard var result = frontier.last else { return AuditHash.emptyTreeRoot }
        for subtree in frontier.dropLast().reversed() {
            result = AuditHash.node(subtree, result)
        }
        return result
    }
}
