import Crypto
import Foundation
import Testing

@testable import AuditCore

@Suite struct ChainVerifierTests {
    let trail = Trail(count: 30)

    func failure(
        _ rows: [StoredRow], checkpoints: [Checkpoint] = [], sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> VerificationFailure {
        let (report, fedFailure, _) = verify(rows, checkpoints: checkpoints)
        let failure = try #require(report.failure, sourceLocation: sourceLocation)
        // Whatever feed returned must be the same failure; the report never changes its mind.
        if let fedFailure { #expect(fedFailure == failure, sourceLocation: sourceLocation) }
        #expect(!report.isIntact, sourceLocation: sourceLocation)
        #expect(failure.message.range(of: #"user-|evt-|subject-|lead-|req-|forged"#, options: .regularExpression) == nil,
                "messages carry no event content", sourceLocation: sourceLocation)
        return failure
    }

    // MARK: Intact trails

    @Test func untouchedTrailPasses() throws {
        let checkpoints = try [10, 20, 30].map { try trail.checkpoint(size: $0) }
        let (report, fedFailure, _) = verify(trail.rows, checkpoints: checkpoints.reversed())
        #expect(fedFailure == nil)
        #expect(report.isIntact)
        #expect(report.rowsRead == 30 && report.recordsVerified == 30)
        #expect(report.checkpointsVerified == 3 && report.lastCheckpointTreeSize == 30)
        #expect(report.recordsWithoutCheckpoint == 0)
        #expect(report.chainHead == trail.records.last!.hash)
        #expect(report.merkleRoot == MerkleTreeTests.referenceRoot(trail.records.map(\.canonicalEvent)[...]))
    }

    @Test func recordsAfterTheLastCheckpointAreCountedAsUncovered() throws {
        let (report, _, _) = verify(trail.rows, checkpoints: [try trail.checkpoint(size: 20)])
        #expect(report.isIntact)
        #expect(report.recordsWithoutCheckpoint == 10)
    }

    @Test func rowsReEncodedFromEventFieldsPass() {
        let rows = trail.records.map {
            StoredRow(position: $0.position, event: $0.event, previousHash: $0.previousHash, hash: $0.hash)
        }
        #expect(verify(rows).report.isIntact)
    }

    @Test func emptyTrailPassesAndMatchesAnEmptyCheckpoint() throws {
        let report = verify([], checkpoints: [try trail.checkpoint(size: 0)]).report
        #expect(report.isIntact && report.checkpointsVerified == 1)
        #expect(report.merkleRoot == AuditHash.emptyTreeRoot && report.chainHead == .zero)
    }

    // MARK: Modified

    @Test(arguments: [1, 7, 30])
    func changedEventFieldIsModifiedAtItsPosition(_ position: Int) throws {
        var rows = trail.rows
        try Tamper.modify(&rows, position: position) { $0.outcome = .allowed; $0.actor = "someone-else" }
        let found = try failure(rows)
        #expect(found.kind == .modified)
        #expect(found.position == Int64(position))
    }

    @Test func changedStoredHashesAreModified() throws {
        for (hash, previous) in [(trail.rows[5].hash, nil), (Digest32.zero, nil), (Digest32.zero, trail.rows[9].hash)] {
            var rows = trail.rows
            rows[6].hash = hash
            rows[6].previousHash = previous ?? rows[6].previousHash
            let found = try failure(rows)
            #expect((found.kind, found.position) == (.modified, 7))
        }
    }

    @Test(arguments: [1, 7, 29])
    func changeWithOnlyItsOwnHashRecomputedIsModifiedAtThatRecord(_ position: Int) throws {
        var rows = trail.rows
        try Tamper.modify(&rows, position: position) { $0.details["resultCount"] = 999 }
        Tamper.rehashOnly(&rows, position: position)
        let found = try failure(rows)
        #expect((found.kind, found.position) == (.modified, Int64(position)))
    }

    @Test func changedLinkRightAfterAMatchingCheckpointBlamesTheRecordItself() throws {
        var rows = trail.rows
        rows[7].previousHash = rows[3].previousHash
        Tamper.rehashOnly(&rows, position: 8)
        let found = try failure(rows, checkpoints: [try trail.checkpoint(size: 7)])
        #expect((found.kind, found.position) == (.modified, 8))
    }

    /// The attack the chain alone cannot see: change a record and recompute every later hash.
    /// The trail is consistent again; only a signed checkpoint covering the change catches it.
    @Test func changeWithAllLaterHashesRecomputedIsCaughtOnlyByACheckpoint() throws {
        var rows = trail.rows
        try Tamper.modify(&rows, position: 15) { $0.action = "lead.export" }
        Tamper.rehash(&rows, from: 15)

        #expect(verify(rows).report.isIntact, "without checkpoints the rewrite goes unnoticed")

        let checkpoints = try [10, 20].map { try trail.checkpoint(size: $0) }
        let (report, fedFailure, fedAt) = verify(rows, checkpoints: checkpoints)
        let found = try #require(report.failure)
        #expect(found.kind == .checkpointMismatch)
        #expect(found.position == 11, "the first position after the last matching checkpoint")
        #expect(found.checkpointTreeSize == 20)
        #expect(fedFailure == found && fedAt == 20)
        #expect(report.checkpointsVerified == 1 && report.recordsVerified == 20)

        let onlyLater = try failure(rows, checkpoints: [try trail.checkpoint(size: 30)])
        #expect((onlyLater.kind, onlyLater.position, onlyLater.checkpointTreeSize) == (.checkpointMismatch, 1, 30))

        let before = verify(rows, checkpoints: [try trail.checkpoint(size: 14)]).report
        #expect(before.isIntact && before.recordsWithoutCheckpoint == 16, "a change after the last checkpoint is not caught")
    }

    // MARK: Deleted

    @Test(arguments: [(1, 1), (12, 1), (12, 3), (29, 1)])
    func deletedRowsLeaveAGap(_ position: Int, _ count: Int) throws {
        var rows = trail.rows
        rows.removeSubrange((position - 1)..<(position - 1 + count))
        let found = try failure(rows)
        #expect((found.kind, found.position) == (.deleted, Int64(position)))
    }

    @Test(arguments: [(1, 1), (12, 1), (12, 3), (29, 1)])
    func deletedRowsWithLaterPositionsMovedUpAreDeleted(_ position: Int, _ count: Int) throws {
        var rows = trail.rows
        rows.removeSubrange((position - 1)..<(position - 1 + count))
        Tamper.renumber(&rows, from: position - 1)
        let found = try failure(rows)
        #expect((found.kind, found.position) == (.deleted, Int64(position)))
    }

    // MARK: Inserted

    @Test(arguments: [1, 10, 30])
    func forgedRowWithRecomputedHashIsInserted(_ position: Int) throws {
        var rows = trail.rows
        let previous = position == 1 ? Digest32.zero : rows[position - 2].hash
        rows.insert(Tamper.forgedRow(position: position, previous: previous), at: position - 1)
        Tamper.renumber(&rows, from: position - 1)
        let found = try failure(rows)
        #expect((found.kind, found.position) == (.inserted, Int64(position)))
    }

    @Test func forgedRowWithAWrongHashIsInserted() throws {
        var rows = trail.rows
        var forged = Tamper.forgedRow(position: 10, previous: rows[8].hash)
        forged.hash = rows[8].hash
        rows.insert(forged, at: 9)
        Tamper.renumber(&rows, from: 9)
        let found = try failure(rows)
        #expect((found.kind, found.position) == (.inserted, 10))
    }

    @Test(arguments: [false, true])
    func secondRowAtTheSamePositionIsInserted(forgedFirst: Bool) throws {
        var rows = trail.rows
        rows.insert(Tamper.forgedRow(position: 10, previous: rows[8].hash), at: forgedFirst ? 9 : 10)
        let found = try failure(rows)
        #expect((found.kind, found.position) == (.inserted, 10))
    }

    @Test func replayedCopyOfAnEarlierRecordIsInserted() throws {
        var rows = trail.rows
        rows.insert(rows[2], at: 9)
        Tamper.renumber(&rows, from: 9)
        let found = try failure(rows)
        #expect((found.kind, found.position) == (.inserted, 10))
    }

    // MARK: Reordered

    @Test(arguments: [(5, 6), (5, 9), (1, 2), (29, 30)])
    func swappedRowsAreReordered(_ first: Int, _ second: Int) throws {
        var rows = trail.rows
        Tamper.swap(&rows, first, second)
        let found = try failure(rows)
        #expect((found.kind, found.position) == (.reordered, Int64(first)))
    }

    @Test func rowsDeliveredOutOfPositionOrderAreReordered() throws {
        var rows = trail.rows
        rows.swapAt(4, 5)  // positions 6 then 5
        let found = try failure(rows)
        #expect((found.kind, found.position) == (.reordered, 5))

        var backwards = trail.rows
        backwards.insert(backwards[2], at: 8)  // position 3 again after 8
        let again = try failure(backwards)
        #expect((again.kind, again.position) == (.reordered, 3))
    }

    /// Documented limit: exchanging only the event bytes (links and hashes left in place) looks
    /// like a change to the first of the two records.
    @Test func swappedEventBytesAloneAreModified() throws {
        var rows = trail.rows
        (rows[4].canonicalEvent, rows[5].canonicalEvent) = (rows[5].canonicalEvent, rows[4].canonicalEvent)
        let found = try failure(rows)
        #expect((found.kind, found.position) == (.modified, 5))
    }

    // MARK: Truncated

    @Test func droppedTailUnderASignedCheckpointIsTruncated() throws {
        let rows = Array(trail.rows.prefix(25))
        let checkpoints = try [20, 30].map { try trail.checkpoint(size: $0) }
        let (report, fedFailure, _) = verify(rows, checkpoints: checkpoints)
        let found = try #require(report.failure)
        #expect(fedFailure == nil, "only the end of the stream shows it")
        #expect((found.kind, found.position, found.checkpointTreeSize) == (.truncated, 26, 30))
        #expect(report.recordsVerified == 25 && report.checkpointsVerified == 1)

        #expect(verify(rows, checkpoints: [checkpoints[0]]).report.isIntact, "without a checkpoint beyond, a shorter trail is valid")
    }

    // MARK: Checkpoints

    @Test func checkpointWithAnUnknownKeyIsABadSignature() throws {
        let stranger = CheckpointSigner(privateKey: Curve25519.Signing.PrivateKey(), keyID: "someone")
        let found = try failure(trail.rows, checkpoints: [try trail.checkpoint(size: 20, signer: stranger)])
        #expect((found.kind, found.position, found.checkpointTreeSize) == (.badCheckpointSignature, 20, 20))
    }

    @Test func checkpointSignedWithAnotherKeyUnderOurKeyIDIsABadSignature() throws {
        let impostor = CheckpointSigner(privateKey: Curve25519.Signing.PrivateKey(), keyID: "audit-2025")
        let found = try failure(trail.rows, checkpoints: [try trail.checkpoint(size: 20, signer: impostor)])
        #expect((found.kind, found.position) == (.badCheckpointSignature, 20))
    }

    /// Rewriting records and then editing the checkpoint's root to match fails on the signature.
    @Test func checkpointEditedToMatchARewriteIsABadSignature() throws {
        var rows = trail.rows
        try Tamper.modify(&rows, position: 15) { $0.action = "lead.export" }
        Tamper.rehash(&rows, from: 15)
        var checkpoint = try trail.checkpoint(size: 20)
        var merkle = MerkleAccumulator()
        for row in rows.prefix(20) { merkle.append(AuditHash.leaf(row.canonicalEvent)) }
        checkpoint.merkleRoot = merkle.root
        checkpoint.chainHead = rows[19].hash
        let found = try failure(rows, checkpoints: [checkpoint])
        #expect((found.kind, found.position) == (.badCheckpointSignature, 20))
    }

    @Test func forgedCheckpointBeyondTheEndIsABadSignatureNotTruncation() throws {
        var checkpoint = try Trail(count: 40).checkpoint(size: 40)
        checkpoint.signature[0] ^= 0xFF
        let found = try failure(trail.rows, checkpoints: [checkpoint])
        #expect((found.kind, found.position) == (.badCheckpointSignature, 40))
    }

    @Test func validCheckpointOverOtherRecordsIsAMismatch() throws {
        var other = HashChain()
        var merkle = MerkleAccumulator()
        for index in 1...20 {
            var event = Fixtures.event(index)
            event.role = "other"
            merkle.append(other.append(event).leafHash)
        }
        let checkpoint = try Fixtures.signer.sign(
            treeSize: 20, merkleRoot: merkle.root, chainHead: other.lastHash, time: Fixtures.baseTime)
        let found = try failure(trail.rows, checkpoints: [try trail.checkpoint(size: 10), checkpoint])
        #expect((found.kind, found.position, found.checkpointTreeSize) == (.checkpointMismatch, 11, 20))
    }

    // MARK: Reporting

    @Test func feedReportsTheFailureOnceAndThenOnlyCountsRows() throws {
        var rows = trail.rows
        rows.remove(at: 11)
        var verifier = ChainVerifier(keys: Fixtures.keys)
        var reported: [(Int, VerificationFailure)] = []
        for (index, row) in rows.enumerated() {
            if let failure = verifier.feed(row) { reported.append((index + 1, failure)) }
        }
        #expect(reported.count == 1)
        #expect(reported.first?.0 == 13, "the gap is classified when the row after it arrives")
        #expect(reported.first?.1.kind == .deleted && reported.first?.1.position == 12)
        let report = verifier.finish()
        #expect(report.rowsRead == 29 && report.recordsVerified == 11)
        #expect(report.failure == reported.first?.1)
        #expect(verifier.finish() == report, "finishing again changes nothing")
    }
}
