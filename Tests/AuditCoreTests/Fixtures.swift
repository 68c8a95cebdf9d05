import LeadTracContracts
import AuditCore
import Crypto
import Foundation
import Testing

/// Events, trails, keys and tampering helpers shared by the tests.
enum Fixtures {
    /// 2025-06-15T10:30:00.123Z.
    static let baseTime = Date(timeIntervalSince1970: 1_749_983_400.123)

    /// A search event with every optional field set.
    static func searchEvent(id: String = "evt-1") -> AuditEvent {
        AuditEvent(
            id: id, time: baseTime, actor: "user-42", role: "analyst", service: "workflow", action: "subject.search",
            objectType: "subject", objectID: "subject-7", outcome: .allowed, requestID: "req-9",
            subjectIDs: ["subject-7", "subject-8"], leadIDs: ["lead-3"],
            details: [
                "query": "surname prefix", "resultCount": 2, "score": 0.75, "exact": false, "note": nil,
                "fields": ["name", "dateOfBirth"], "before": ["status": "open", "priority": 3],
            ],
            disclosure: .init(recipient: "partner-agency", purpose: "case referral", nature: "contact details"))
    }

    /// The `index`-th event of a test trail (index from 1): varied but deterministic.
    static func event(_ index: Int) -> AuditEvent {
        let actions = ["lead.view", "subject.search", "auth.denied", "ruleset.activate"]
        return AuditEvent(
            id: "evt-\(index)", time: baseTime.addingTimeInterval(Double(index)), actor: "user-\(index % 5)",
            role: "reviewer", service: "workflow", action: actions[index % actions.count],
            objectType: index % 2 == 0 ? "lead" : nil, objectID: index % 2 == 0 ? "lead-\(index)" : nil,
            outcome: index % 4 == 2 ? .denied : .allowed, requestID: "req-\(index)",
            subjectIDs: ["subject-\(index % 3)"], leadIDs: ["lead-\(index)"], details: ["resultCount": .int(Int64(index))])
    }

    static let signingKey = Curve25519.Signing.PrivateKey()
    static let signer = CheckpointSigner(privateKey: signingKey, keyID: "audit-2025")
    static let keys = CheckpointVerifier(publicKeys: ["audit-2025": signingKey.publicKey])
}

/// A trail of `count` records with the stored rows and their leaf hashes.
struct Trail {
    var records: [AuditRecord] = []

    init(count: Int) {
        var chain = HashChain()
        records = (0..<count).map { chain.append(Fixtures.event($0 + 1)) }
    }

    var rows: [StoredRow] { records.map(StoredRow.init) }
    var leafHashes: [Digest32] { records.map(\.leafHash) }

    /// A checkpoint over the first `size` records, signed by `signer`.
    func checkpoint(size: Int, signer: CheckpointSigner = Fixtures.signer) throws -> Checkpoint {
        var merkle = MerkleAccumulator()
        for record in records.prefix(size) { merkle.append(record.leafHash) }
        return try signer.sign(
            treeSize: Int64(size), merkleRoot: merkle.root, chainHead: size == 0 ? .zero : records[size - 1].hash,
            time: Fixtures.baseTime.addingTimeInterval(3600))
    }
}

/// What an attacker with write access to the rows can do.
enum Tamper {
    /// Re-encodes row `position`'s event after `change`, keeping the stored hashes.
    static func modify(_ rows: inout [StoredRow], position: Int, _ change: (inout AuditEvent) -> Void) throws {
        var event = try CanonicalEncoding.decode(rows[position - 1].canonicalEvent)
        change(&event)
        rows[position - 1].canonicalEvent = CanonicalEncoding.encode(event)
    }

    /// Recomputes the links and hashes of rows `position...` from the row before, as a writer
    /// covering their tracks would.
    static func rehash(_ rows: inout [StoredRow], from position: Int) {
        for index in (position - 1)..<rows.count {
            let previous = index == 0 ? Digest32.zero : rows[index - 1].hash
            rows[index].previousHash = previous
            rows[index].hash = AuditHash.chain(
                previous: previous, position: rows[index].position, leaf: AuditHash.leaf(rows[index].canonicalEvent))
        }
    }

    /// Gives rows from `index` (0-based) on the positions `index + 1...`, as after a deletion
    /// or insertion that keeps positions dense.
    static func renumber(_ rows: inout [StoredRow], from index: Int) {
        for row in index..<rows.count { rows[row].position = Int64(row + 1) }
    }

    /// Exchanges the contents of the rows at two positions (each keeps its position).
    static func swap(_ rows: inout [StoredRow], _ first: Int, _ second: Int) {
        let a = rows[first - 1]
        let b = rows[second - 1]
        rows[first - 1] = StoredRow(position: a.position, canonicalEvent: b.canonicalEvent, previousHash: b.previousHash, hash: b.hash)
        rows[second - 1] = StoredRow(position: b.position, canonicalEvent: a.canonicalEvent, previousHash: a.previousHash, hash: a.hash)
    }
}

/// Runs the verifier over `rows` and returns the report, plus the failure `feed` returned (if
/// any) and the number of rows fed when it did.
func verify(
    _ rows: [StoredRow], checkpoints: [Checkpoint] = [], keys: CheckpointVerifier = Fixtures.keys
) -> (report: VerificationReport, fedFailure: VerificationFailure?, fedAt: Int?) {
    var verifier = ChainVerifier(checkpoints: checkpoints, keys: keys)
    var fedFailure: VerificationFailure?
    var fedAt: Int?
    for (index, row) in rows.enumerated() {
        if let failure = verifier.feed(row) {
            #expect(fedFailure == nil, "feed reports a failure only once")
            fedFailure = failure
            fedAt = index + 1
        }
    }
    return (verifier.finish(), fedFailure, fedAt)
}

extension Tamper {
    /// Recomputes only row `position`'s hash (from its stored previous hash), leaving later rows.
    static func rehashOnly(_ rows: inout [StoredRow], position: Int) {
        let row = rows[position - 1]
        rows[position - 1].hash = AuditHash.chain(
            previous: row.previousHash, position: row.position, leaf: AuditHash.leaf(row.canonicalEvent))
    }

    /// A row for a made-up event at `position`, linked to `previous` and hashed correctly.
    static func forgedRow(position: Int, previous: Digest32) -> StoredRow {
        var chain = HashChain(lastPosition: Int64(position - 1), lastHash: previous)
        var event = Fixtures.event(position)
        event.id = "forged"
        event.action = "lead.view"
        return StoredRow(chain.append(event))
    }
}
