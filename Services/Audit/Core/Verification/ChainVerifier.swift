/// Verifies a stored trail in one pass, as the rows come from a database cursor, in O(log n)
/// memory: each record's hash and link, the Merkle root and chain head at every checkpoint,
/// and that no checkpoint covers records that are missing.
///
/// Feed the rows in ascending position order from position 1 (`ORDER BY position`), then call
/// ``finish()``. The checkpoints are given up front: with O(log n) memory the Merkle root for
/// `treeSize` records exists only while the verifier passes that position.
///
/// ## What it catches, and what only a checkpoint catches
///
/// Every record's hash covers its position, its event's canonical bytes (through the leaf
/// hash) and the previous record's hash. A change to stored rows therefore breaks the chain,
/// *unless* whoever changed them also recomputed every later hash: the chain is then
/// consistent again, and only a signed checkpoint whose tree includes the change shows it,
/// as ``VerificationFailure/Kind/checkpointMismatch``. Likewise, dropping records from the
/// end is only visible as ``VerificationFailure/Kind/truncated`` against a checkpoint, and
/// records after the last checkpoint are protected by the chain alone
/// (``VerificationReport/recordsWithoutCheckpoint``).
///
/// ## How failures are classified
///
/// The first bad position is reported and verification stops there; later rows are counted
/// but not checked. Let `p` be the next expected position and `head` the hash of record `p-1`.
///
/// - A row at a position above `p`: ``VerificationFailure/Kind/deleted`` at `p` (the first
///   missing position), unless the row after it has position `p`, which is
///   ``VerificationFailure/Kind/reordered`` at `p`.
/// - A row repeating position `p-1`: ``VerificationFailure/Kind/inserted`` at `p-1`. A row at
///   an earlier position still: ``VerificationFailure/Kind/reordered`` there.
/// - A row at `p` that links to `head` but whose hash does not match: ``VerificationFailure/Kind/modified``
///   at `p` — or ``VerificationFailure/Kind/inserted`` at `p` if the next row is the genuine
///   record `p` (links to `head` and hashes correctly at `p`), which holds for every failure
///   below that says "unless displaced".
/// - A row at `p` that does not link to `head`. Because the hash covers the position, the
///   verifier finds the position `q` the row's hash was computed for (searching ±256 around
///   `p`), and which earlier record `r` it links to (among the last 256):
///   - its hash equals an earlier record's: a replayed copy, ``VerificationFailure/Kind/inserted`` at `p`;
///   - it links to record `r < p-1` and `q == r+1`: it is the genuine record `r+1`, so the
///     records accepted at `r+1 ..< p` were slipped in: ``VerificationFailure/Kind/inserted`` at `r+1`;
///     if it links to `r` but was hashed for another position: ``VerificationFailure/Kind/modified``
///     at `p`, unless displaced;
///   - `q == p`: its own hash fits, so the record before it was changed and its hash
///     recomputed: ``VerificationFailure/Kind/modified`` at `p-1` (at `p` if `p-1` is covered by
///     a matching checkpoint, or `p` is 1), unless displaced;
///   - `q > p`: it belongs `q-p` places later. If the next row links to it or is shifted by
///     the same amount, records were deleted and the rest moved up: ``VerificationFailure/Kind/deleted``
///     at `p` (also when it is the last row). Otherwise (for example the next row is the
///     genuine record `p`, or a record at its own position) it was moved:
///     ``VerificationFailure/Kind/reordered`` at `p`;
///   - `q < p`: ``VerificationFailure/Kind/reordered`` at `p`, unless displaced;
///   - no `q`: its content or links were changed: ``VerificationFailure/Kind/modified`` at `p`,
///     unless displaced.
///
/// Swapping only the event bytes of two rows (their hashes left in place) is reported as
/// ``VerificationFailure/Kind/modified`` at the first of them. Because some cases need the next
/// row, ``feed(_:)`` may report a failure one row late (or only at ``finish()``); its position
/// is still the bad one.
///
/// Checkpoints are checked when the verifier reaches their tree size, in that order: first the
/// signature (``VerificationFailure/Kind/badCheckpointSignature`` at the tree size), then the
/// root and head (``VerificationFailure/Kind/checkpointMismatch``). At ``finish()``, the first
/// checkpoint beyond the verified records is a bad signature if it does not verify, else
/// ``VerificationFailure/Kind/truncated`` at the first missing position.
public struct ChainVerifier: Sendable {
    /// How far the diagnosis looks for where a misplaced row belongs and what it links to.
    static let diagnosisWindow: Int64 = 256

    let keys: CheckpointVerifier
    /// Sorted by tree size.
    let checkpoints: [Checkpoint]
    var nextCheckpoint = 0
    var nextCheckpointSize = Int64.max
    var lastMatchedCheckpointSize: Int64 = 0
    var checkpointsMatched = 0
    var started = false

    /// The position of the last accepted record.
    var verified: Int64 = 0
    /// The hash of the last accepted record.
    var head = Digest32.zero
    var merkle = MerkleAccumulator()
    /// `recent[position % diagnosisWindow]`: hashes of the last accepted records.
    var recent: [Digest32]
    /// A row that failed in a way the next row will classify.
    var pending: Suspect?

    /// The first failure, once found.
    public private(set) var failure: VerificationFailure?
    /// Rows fed so far.
    public private(set) var rowsRead: Int64 = 0

    /// - Parameters:
    ///   - checkpoints: the checkpoints to hold the trail against, in any order.
    ///   - keys: the public keys that may have signed them.
    public init(checkpoints: [Checkpoint] = [], keys: CheckpointVerifier) {
        self.keys = keys
        self.checkpoints = checkpoints.enumerated()
            .sorted { ($0.element.treeSize, $0.offset) < ($1.element.treeSize, $1.offset) }
            .map(\.element)
        recent = Array(repeating: .zero, count: Int(Self.diagnosisWindow))
    }

    /// Checks the next row. Returns the first failure when it is determined (possibly one row
    /// after the bad one); once a failure is known, further rows are only counted and nil is
    /// returned.
    public mutating func feed(_ row: StoredRow) -> VerificationFailure? {
        rowsRead += 1
        if !started, let failure = start() { return failure }
        guard failure == nil else { return nil }
        if let suspect = pending {
            pending = nil
            return fail(classify(suspect, next: row))
        }
        let expected = verified + 1
        guard row.position == expected else { return fail(positionMismatch(row, expected: expected)) }
        let leaf = row.canonicalEvent.withUnsafeBytes { AuditHash.leaf($0) }
        if row.previousHash == head, AuditHash.chain(previous: head, position: expected, leaf: leaf) == row.hash {
            return accept(leaf: leaf, hash: row.hash)
        }
        return fail(diagnose(row, leaf: leaf))
    }

    /// Ends the stream: classifies a pending failure, and checks that no valid checkpoint
    /// covers more records than were read.
    public mutating func finish() -> VerificationReport {
        if !started { _ = start() }
        if failure == nil, let suspect = pending {
            pending = nil
            _ = fail(classify(suspect, next: nil))
        }
        if failure == nil, nextCheckpoint < checkpoints.count {
            let checkpoint = checkpoints[nextCheckpoint]
            if let problem = signatureProblem(checkpoint) {
                failure = problem
            } else {
                failure = VerificationFailure(
                    kind: .truncated, position: verified + 1, checkpointTreeSize: checkpoint.treeSize,
                    message: "a signed checkpoint covers \(checkpoint.treeSize) records but only \(verified) are present")
            }
        }
        return VerificationReport(
            rowsRead: rowsRead, recordsVerified: verified, checkpointsVerified: checkpointsMatched,
            lastCheckpointTreeSize: lastMatchedCheckpointSize, merkleRoot: merkle.root, chainHead: head,
            failure: failure)
    }

    // MARK: Accepting records and checking checkpoints

    private mutating func accept(leaf: Digest32, hash: Digest32) -> VerificationFailure? {
        verified += 1
        head = hash
        merkle.append(leaf)
        recent[Int(verified % Self.diagnosisWindow)] = hash
        return verified == nextCheckpointSize ? checkReachedCheckpoints() : nil
    }

    /// Checks checkpoints for the empty trail (and any with a nonsensical negative size).
    private mutating func start() -> VerificationFailure? {
        started = true
        return checkReachedCheckpoints()
    }

    /// Checks every checkpoint whose tree size the verifier has reached.
    private mutating func checkReachedCheckpoints() -> VerificationFailure? {
        while nextCheckpoint < checkpoints.count, checkpoints[nextCheckpoint].treeSize <= verified {
            let checkpoint = checkpoints[nextCheckpoint]
            nextCheckpoint += 1
            if let problem = signatureProblem(checkpoint) ?? contentProblem(checkpoint) {
                return fail(problem)
            }
            lastMatchedCheckpointSize = checkpoint.treeSize
            checkpointsMatched += 1
        }
        nextCheckpointSize = nextCheckpoint < checkpoints.count ? checkpoints[nextCheckpoint].treeSize : .max
        return nil
    }

    private func signatureProblem(_ checkpoint: Checkpoint) -> VerificationFailure? {
        do {
            try keys.verify(checkpoint)
            return nil
        } catch {
            return VerificationFailure(
                kind: .badCheckpointSignature, position: checkpoint.treeSize, checkpointTreeSize: checkpoint.treeSize,
                message: "checkpoint for \(checkpoint.treeSize) records (key \(checkpoint.keyID)): \(error)")
        }
    }

    /// Compares a checkpoint at the current tree size with the verified records.
    private func contentProblem(_ checkpoint: Checkpoint) -> VerificationFailure? {
        let rootMatches = checkpoint.treeSize == verified && checkpoint.merkleRoot == merkle.root
        let headMatches = checkpoint.treeSize == verified && checkpoint.chainHead == head
        guard !(rootMatches && headMatches) else { return nil }
        let what = switch (rootMatches, headMatches) {
        case (false, false): "Merkle root and chain head differ"
        case (false, true): "Merkle root differs"
        default: "chain head differs"
        }
        let first = lastMatchedCheckpointSize + 1
        return VerificationFailure(
            kind: .checkpointMismatch, position: first, checkpointTreeSize: checkpoint.treeSize,
            message: "\(what) from the checkpoint signed for \(checkpoint.treeSize) records (key \(checkpoint.keyID)): "
                + "a record from \(first) through \(checkpoint.treeSize) was changed and the later hashes recomputed")
    }

    private mutating func fail(_ found: VerificationFailure?) -> VerificationFailure? {
        if let found { failure = found }
        return found
    }
}
