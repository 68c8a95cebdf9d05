import Crypto
import Foundation
import Testing

@testable import AuditCore

/// Checks the Merkle code against a naive recursive reference written from RFC 6962 here,
/// with its own SHA-256 calls.
@Suite struct MerkleTreeTests {
    static func sha256(_ parts: [UInt8]...) -> Digest32 {
        Digest32(bytes: Array(SHA256.hash(data: parts.flatMap { $0 })))!
    }

    /// RFC 6962 §2.1: MTH({}) = SHA-256(), MTH({d0}) = SHA-256(0x00 || d0),
    /// MTH(D[n]) = SHA-256(0x01 || MTH(D[0:k]) || MTH(D[k:n])), k the largest power of 2 < n.
    static func referenceRoot(_ entries: ArraySlice<[UInt8]>) -> Digest32 {
        switch entries.count {
        case 0: return sha256([])
        case 1: return sha256([0x00], entries.first!)
        default:
            var k = 1
            while k * 2 < entries.count { k *= 2 }
            let split = entries.startIndex + k
            return sha256([0x01], referenceRoot(entries[..<split]).bytes, referenceRoot(entries[split...]).bytes)
        }
    }

    static let entries: [[UInt8]] = (0..<20).map { Array("entry \($0)".utf8) }
    static let leaves: [Digest32] = entries.map { AuditHash.leaf($0) }

    @Test func accumulatorRootMatchesTheReferenceForSizes0To20() throws {
        var accumulator = MerkleAccumulator()
        #expect(accumulator.root == Self.referenceRoot([]))
        for size in 1...20 {
            accumulator.append(Self.leaves[size - 1])
            #expect(accumulator.size == Int64(size))
            #expect(accumulator.root == Self.referenceRoot(Self.entries[..<size]), "size \(size)")
            #expect(accumulator.frontier.count == size.nonzeroBitCount)
            #expect(try MerkleTree.root(treeSize: Int64(size), leafHashes: Self.leaves) == accumulator.root)
        }
    }

    @Test func accumulatorResumesFromItsFrontier() throws {
        var whole = MerkleAccumulator()
        var part = MerkleAccumulator()
        for leaf in Self.leaves.prefix(13) { part.append(leaf) }
        var resumed = try #require(MerkleAccumulator(size: part.size, frontier: part.frontier))
        for leaf in Self.leaves { whole.append(leaf) }
        for leaf in Self.leaves.dropFirst(13) { resumed.append(leaf) }
        #expect(resumed.root == whole.root)
        #expect(MerkleAccumulator(size: 13, frontier: Array(part.frontier.dropLast())) == nil)
    }

    @Test func inclusionProofsVerifyForEveryLeafOfSizes1To20() throws {
        for size in 1...20 {
            let root = Self.referenceRoot(Self.entries[..<size])
            for index in 0..<size {
                let proof = try MerkleTree.inclusionProof(leafIndex: Int64(index), treeSize: Int64(size), leafHashes: Self.leaves)
                #expect(
                    MerkleTree.verifyInclusion(
                        leafHash: Self.leaves[index], index: Int64(index), treeSize: Int64(size), proof: proof, root: root),
                    "leaf \(index) of \(size)")
            }
        }
    }

    @Test func inclusionProofsFailForAWrongLeafIndexSizeRootOrPath() throws {
        for size in 2...20 {
            let treeSize = Int64(size)
            let root = Self.referenceRoot(Self.entries[..<size])
            let otherRoot = Self.referenceRoot(Self.entries[..<(size - 1)])
            for index in 0..<size {
                let leafIndex = Int64(index)
                let leaf = Self.leaves[index]
                let proof = try MerkleTree.inclusionProof(leafIndex: leafIndex, treeSize: treeSize, leafHashes: Self.leaves)
                func verifies(leaf: Digest32 = leaf, index: Int64 = leafIndex, size: Int64 = treeSize, proof: [Digest32] = proof, root: Digest32 = root) -> Bool {
                    MerkleTree.verifyInclusion(leafHash: leaf, index: index, treeSize: size, proof: proof, root: root)
                }
                #expect(!verifies(leaf: Self.leaves[(index + 1) % size]))
                #expect(!verifies(leaf: AuditHash.leaf(Array("forged".utf8))))
                #expect(!verifies(index: (leafIndex + 1) % treeSize))
                #expect(!verifies(index: treeSize))
                #expect(!verifies(index: -1))
                #expect(!verifies(root: otherRoot))
                if size < 20 {
                    // The same proof against the next tree (size and root as a checkpoint gives them).
                    #expect(!verifies(size: treeSize + 1, root: Self.referenceRoot(Self.entries[...size])))
                }
                #expect(!verifies(proof: proof + [leaf]))
                #expect(!verifies(proof: Array(proof.dropLast())))
                var flipped = proof
                flipped[0] = AuditHash.node(flipped[0], flipped[0])
                #expect(!verifies(proof: flipped))
            }
        }
        #expect(throws: MerkleProofError.self) { try MerkleTree.inclusionProof(leafIndex: 5, treeSize: 5, leafHashes: Self.leaves) }
    }

    @Test func consistencyProofsVerifyBetweenAllSizesUpTo20() throws {
        for newSize in 1...20 {
            let newRoot = Self.referenceRoot(Self.entries[..<newSize])
            for oldSize in 1...newSize {
                let oldRoot = Self.referenceRoot(Self.entries[..<oldSize])
                let proof = try MerkleTree.consistencyProof(from: Int64(oldSize), to: Int64(newSize), leafHashes: Self.leaves)
                #expect(
                    MerkleTree.verifyConsistency(
                        oldSize: Int64(oldSize), newSize: Int64(newSize), oldRoot: oldRoot, newRoot: newRoot, proof: proof),
                    "\(oldSize) → \(newSize)")
                guard oldSize < newSize else { continue }
                // A rewritten old tree, a different new tree, or a damaged proof must fail.
                var rewritten = Self.entries
                rewritten[oldSize - 1] = Array("rewritten".utf8)
                #expect(
                    !MerkleTree.verifyConsistency(
                        oldSize: Int64(oldSize), newSize: Int64(newSize), oldRoot: oldRoot,
                        newRoot: Self.referenceRoot(rewritten[..<newSize]), proof: proof))
                #expect(
                    !MerkleTree.verifyConsistency(
                        oldSize: Int64(oldSize), newSize: Int64(newSize), oldRoot: Self.referenceRoot(rewritten[..<oldSize]),
                        newRoot: newRoot, proof: proof))
                #expect(
                    !MerkleTree.verifyConsistency(
                        oldSize: Int64(oldSize), newSize: Int64(newSize), oldRoot: oldRoot, newRoot: newRoot,
                        proof: Array(proof.dropLast())))
                if newSize < 20 {
                    #expect(
                        !MerkleTree.verifyConsistency(
                            oldSize: Int64(oldSize), newSize: Int64(newSize + 1), oldRoot: oldRoot,
                            newRoot: Self.referenceRoot(Self.entries[...newSize]), proof: proof))
                }
            }
        }
        #expect(MerkleTree.verifyConsistency(oldSize: 0, newSize: 5, oldRoot: AuditHash.emptyTreeRoot, newRoot: Self.leaves[0], proof: []))
        #expect(!MerkleTree.verifyConsistency(oldSize: 3, newSize: 3, oldRoot: Self.leaves[0], newRoot: Self.leaves[1], proof: []))
    }

    /// RFC 6962's PATH and SUBPROOF, checked against a published example: the audit path for
    /// leaf d0 of the 7-leaf tree of RFC 6962 §2.1.3 is [b, h, l] — the siblings, in order.
    @Test func proofShapesFollowTheRFCExample() throws {
        let seven = Array(Self.leaves.prefix(7))
        let hash = { (range: Range<Int>) in Self.referenceRoot(Self.entries[range]) }
        #expect(try MerkleTree.inclusionProof(leafIndex: 0, treeSize: 7, leafHashes: seven) == [hash(1..<2), hash(2..<4), hash(4..<7)])
        #expect(try MerkleTree.inclusionProof(leafIndex: 3, treeSize: 7, leafHashes: seven) == [hash(2..<3), hash(0..<2), hash(4..<7)])
        #expect(try MerkleTree.inclusionProof(leafIndex: 6, treeSize: 7, leafHashes: seven) == [hash(4..<6), hash(0..<4)])
        // §2.1.3 consistency examples: 3 → 7 is [c, d, g, l], 4 → 7 is [l], 6 → 7 is [i, j, k].
        #expect(try MerkleTree.consistencyProof(from: 3, to: 7, leafHashes: seven) == [hash(2..<3), hash(3..<4), hash(0..<2), hash(4..<7)])
        #expect(try MerkleTree.consistencyProof(from: 4, to: 7, leafHashes: seven) == [hash(4..<7)])
        #expect(try MerkleTree.consistencyProof(from: 6, to: 7, leafHashes: seven) == [hash(4..<6), hash(6..<7), hash(0..<4)])
    }
}
