/// Where a proof builder reads leaf hashes: an array in tests, the database in the service.
///
/// ``subtreeRoot(_:)`` has a default that hashes every leaf in the range, so a proof reads all
/// `treeSize` leaves. A source that stores the roots of perfect subtrees (as the
/// ``MerkleAccumulator`` frontier produces them) can answer those in one lookup instead.
public protocol MerkleLeafSource {
    /// The leaf hash at 0-based `index`.
    func leafHash(at index: Int64) throws -> Digest32
    /// The Merkle tree hash of leaves `range` (never empty).
    func subtreeRoot(_ range: Range<Int64>) throws -> Digest32
}

extension MerkleLeafSource {
    public func subtreeRoot(_ range: Range<Int64>) throws -> Digest32 {
        precondition(!range.isEmpty, "a subtree has at least one leaf")
        if range.count == 1 { return try leafHash(at: range.lowerBound) }
        let split = range.lowerBound + MerkleTree.largestPowerOfTwo(below: Int64(range.count))
        return AuditHash.node(
            try subtreeRoot(range.lowerBound..<split), try subtreeRoot(split..<range.upperBound))
    }
}

extension Array: MerkleLeafSource where Element == Digest32 {
    public func leafHash(at index: Int64) throws -> Digest32 {
        self[Int(index)]
    }
}
