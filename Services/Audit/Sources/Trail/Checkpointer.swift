import AuditCore
import Foundation
import LeadTracStorage
import Logging

/// Signs a Merkle checkpoint over the trail when it has grown (a periodic job).
///
/// It extends the last checkpoint's compact Merkle state with the events appended since,
/// re-checking each one's chain link on the way (it will not sign a trail that is already
/// broken), then signs tree size, root and chain head. One instance at a time (advisory lock).
struct Checkpointer: Sendable {
    struct BrokenTrail: Error, CustomStringConvertible {
        let position: Int64
        var description: String { "the trail does not verify at position \(position); no checkpoint signed" }
    }

    let schema: String
    let signer: CheckpointSigner
    let pageSize = 10_000

    /// Signs a checkpoint if events were appended since the last one; returns it.
    @discardableResult
    func run(on connection: PGConnection, logger: Logger) throws -> Checkpoint? {
        let schemaName = quoteIdentifier(schema)
        return try connection.transaction { db -> Checkpoint? in
            try db.execute("SELECT pg_advisory_xact_lock(hashtext($1))", [PGValue("leadtrac.audit.checkpoint.\(schema)")])
            var accumulator = MerkleAccumulator()
            var head = Digest32.zero
            if let last = try db.execute(
                "SELECT tree_size, frontier, chain_head FROM \(schemaName).checkpoints ORDER BY tree_size DESC LIMIT 1"
            ).rows.first {
                let bytes = try last.decode([UInt8].self, at: 1)
                let frontier = stride(from: 0, to: bytes.count, by: 32).compactMap { Digest32(bytes: bytes[$0..<$0 + 32]) }
                guard let resumed = MerkleAccumulator(size: try last.decode(Int64.self, at: 0), frontier: frontier) else {
                    throw BrokenTrail(position: try last.decode(Int64.self, at: 0))
                }
                accumulator = resumed
                head = Digest32(bytes: try last.decode([UInt8].self, at: 2)) ?? .zero
            }
            let start = accumulator.size
            while true {
                let rows = try db.execute(
                    "SELECT position, canonical, previous_hash, hash FROM \(schemaName).events WHERE position > $1 ORDER BY position LIMIT $2",
                    [PGValue(accumulator.size), PGValue(pageSize)]
                ).rows
                for row in rows {
                    let position = try row.decode(Int64.self, at: 0)
                    let leaf = AuditHash.leaf(try row.decode([UInt8].self, at: 1))
                    let stored = Digest32(bytes: try row.decode([UInt8].self, at: 3))
                    guard position == accumulator.size + 1,
                        Digest32(bytes: try row.decode([UInt8].self, at: 2)) == head,
                        AuditHash.chain(previous: head, position: position, leaf: leaf) == stored, let stored
                    else { throw BrokenTrail(position: accumulator.size + 1) }
                    accumulator.append(leaf)
                    head = stored
                }
                if rows.count < pageSize { break }
            }
            guard accumulator.size > start else { return nil }
            let checkpoint = try signer.sign(
                treeSize: accumulator.size, merkleRoot: accumulator.root, chainHead: head, time: Date())
            try db.execute(
                """
                INSERT INTO \(schemaName).checkpoints (tree_size, merkle_root, chain_head, signed_at, key_id, signature, frontier)
                VALUES ($1, $2, $3, $4, $5, $6, $7)
                """,
                [
                    PGValue(checkpoint.treeSize), PGValue(checkpoint.merkleRoot.bytes), PGValue(checkpoint.chainHead.bytes),
                    PGValue(checkpoint.time), PGValue(checkpoint.keyID), PGValue(Array(checkpoint.signature)),
                    PGValue(accumulator.frontier.flatMap(\.bytes)),
                ])
            logger.info("checkpoint signed", metadata: ["audit.tree_size": "\(checkpoint.treeSize)"])
            return checkpoint
        }
    }
}
