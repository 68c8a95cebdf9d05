/// RFC 6962 / RFC 9162 Merkle tree proofs over the audit trail's leaf hashes.
///
/// An inclusion proof shows that a record is in the tree a checkpoint signed; a consistency
/// proof shows that a later checkpoint's tree extends an earlier one (nothing rewritten,
/// only appended). Leaf indices are 0-based: the record at position p is leaf p - 1.
public enum MerkleTree {
    /// The Merkle tree hash of the first `treeSize` leaves.
    public static func root(treeSize: Int64, leafHashes: some MerkleLeafSource) throws -> Digest32 {
        precondition(treeSize >= 0, "a tree size is not negative")
        return treeSize == 0 ? AuditHash.emptyTreeRoot : try leafHashes.subtreeRoot(0..<treeSize)
    }

    /// The audit path for leaf `leafIndex` in the tree of the first `treeSize` leaves (RFC 6962
    /// §2.1.1), from the leaf's sibling up to the root's child.
    public static func inclusionProof(
        leafIndex: Int64, treeSize: Int64, leafHashes: some MerkleLeafSource
    ) throws -> [Digest32] {
        guard (0..<treeSize).contains(leafIndex) else { throw MerkleProofError.indexOutOfRange }
        var proof: [Digest32] = []
        try path(leafIndex, 0..<treeSize, leafHashes, into: &proof)
        return proof
    }

    /// Whether `proof` shows that `leafHash` is leaf `index` of the tree of size `treeSize`
    /// with root `root` (RFC 9162 §2.1.3.2).
    ///
    /// Take `treeSize` and `root` from the same signed checkpoint: the root is what binds the
    /// size, and for some indices a proof also passes with a wrong size and the right root.
    public static func verifyInclusion(
        leafHash: Digest32, index: Int64, treeSize: Int64, proof: [Digest32], root: Digest32
    ) -> Bool {
        guard index >= 0, index < treeSize else { return false }
        var fn = index
        var sn = treeSize - 1
        var result = leafHash
        for sibling in proof {
            guard sn != 0 else { return false }
            if fn & 1 == 1 || fn == sn {
                result = AuditHash.node(sibling, result)
                while fn & 1 == 0 && fn != 0 {
                    fn >>= 1
                    sn >>= 1
                }
            } else {
                result = AuditHash.node(result, sibling)
            }
            fn >>= 1
            sn >>= 1
        }
        return sn == 0 && result == root
    }

    /// The proof that the tree of the first `newSize` leaves extends the tree of the first
    /// `oldSize` (RFC 6962 §2.1.2). Empty when `oldSize` is 0 or equals `newSize`.
    public static func consistencyProof(
        from oldSize: Int64, to newSize: Int64, leafHashes: some MerkleLeafSource
    ) throws -> [Digest32] {
        guard oldSize >= 0, oldSize <= newSize else { throw MerkleProofError.indexOutOfRange }
        guard oldSize > 0, oldSize < newSize else { return [] }
        var proof: [Digest32] = []
        try subproof(oldSize, 0..<newSize, complete: true, leafHashes, into: &proof)
        return proof
    }

    /// Whether `proof` shows that the tree (`newSize`, `newRoot`) extends (`oldSize`,
    /// `oldRoot`) (RFC 9162 §2.1.4.2). The empty tree is extended by every tree. As for
    /// inclusion, each size must come with its root from a signed checkpoint.
    public static func verifyConsistency(
        oldSize: Int64, newSize: Int64, oldRoot: Digest32, newRoot: Digest32, proof: [Digest32]
    ) -> Bool {
        guard oldSize >= 0, oldSize <= newSize else { return false }
        if oldSize == 0 { return proof.isEmpty && oldRoot == AuditHash.emptyTreeRoot }
        if oldSize == newSize { return proof.isEmpty && oldRoot == newRoot }
        guard !proof.isEmpty else { return false }
        var path = proof[...]
        // A power-of-two old tree is itself a node of the new tree: the proof omits it.
        if oldSize.nonzeroBitCount == 1 { path.insert(oldRoot, at: path.startIndex) }
        var fn = oldSize - 1
        var sn = newSize - 1
        while fn & 1 == 1 {
            fn >>= 1
            sn >>= 1
        }
        var oldResult = path.removeFirst()
        var newResult = oldResult
        for node in path {
            guard sn != 0 else { return false }
            if fn & 1 == 1 || fn == sn {
                oldResult = AuditHash.node(node, oldResult)
                newResult = AuditHash.node(node, newResult)
                while fn & 1 == 0 && fn != 0 {
                    fn >>= 1
                    sn >>= 1
                }
            } else {
                newResult = AuditHash.node(newResult, node)
            }
            fn >>= 1
            sn >>= 1
        }
        return sn == 0 && oldResult == oldRoot && newResult == newRoot
    }

    /// The largest power of two strictly below `n` (n > 1): RFC 6962's split point.
    static func largestPowerOfTwo(below n: Int64) -> Int64 {
        precondition(n > 1)
        return Int64(1) << (63 - (n - 1).leadingZeroBitCount)
    }

    /// RFC 6962 PATH(m, D[range]).
    private static func path(
        _ index: Int64, _ range: Range<Int64>, _ source: some MerkleLeafSource, into proof: inout [Digest32]
    ) throws {
        guard range.count > 1 else { return }
        let split = range.lowerBound + largestPowerOfTwo(below: Int64(range.count))
        if index < split {
            try path(index, range.lowerBound..<split, source, into: &proof)
            proof.append(try source.subtreeRoot(split..<range.upperBound))
        } else {
            try path(index, split..<range.upperBound, source, into: &proof)
            proof.append(try source.subtreeRoot(range.lowerBound..<split))
        }
    }

    /// RFC 6962 SUBPROOF(m, D[range], b), with m counted from `range.lowerBound`.
    private static func subproof(
        _ oldSize: Int64, _ range: Range<Int64>, complete: Bool, _ source: some MerkleLeafSource,
        into proof: inout [Digest32]
    ) throws {
        let size = Int64(range.count)
        if oldSize == size {
            if !complete { proof.append(try source.subtreeRoot(range)) }
            return
        }
        let k = largestPowerOfTwo(below: size)
        let split = range.lowerBound + k
        if oldSize <= k {
            try subproof(oldSize, range.lowerBound..<split, complete: complete, source, into: &proof)
            proof.append(try source.subtreeRoot(split..<range.upperBound))
        } else {
            try subproof(oldSize - k, split..<range.upperBound, complete: false, source, into: &proof)
            proof.append(try source.subtreeRoot(range.lowerBound..<split))
        }
    }
}

/// A proof was asked for a leaf or tree size the tree does not have.
public struct MerkleProofError: Error, Sendable, Hashable, CustomStringConvertible {
    private let reason: String

    /// The leaf index is not below the tree size, or the old size is above the new one.
    public static let indexOutOfRange = MerkleProofError(reason: "leaf index or tree size out of range")

    public var description: String { reason }
}
