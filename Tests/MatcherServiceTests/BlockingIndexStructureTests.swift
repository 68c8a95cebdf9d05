import Foundation
import Testing

@testable import MatcherService

/// The in-memory blocking index's data structures, without a database.
@Suite struct BlockingIndexStructureTests {
    @Test func subjectKeysRoundTripAndSortLikeTheirText() {
        let texts = (0..<200).map { _ in UUID().uuidString.lowercased() }
        for text in texts { #expect(SubjectKey(text).uuidString == text) }
        #expect(SubjectKey("00000000-0000-0000-0000-00000000000A").uuidString == "00000000-0000-0000-0000-00000000000a")
        // PostgreSQL orders uuid like the lower-case text; the SQL retrieval breaks ties that way.
        #expect(texts.sorted() == texts.map(SubjectKey.init).sorted().map(\.uuidString))
    }

    private func subject(_ n: Int) -> SubjectKey { SubjectKey(high: UInt64(n), low: UInt64(n) * 7) }

    @Test func aBuiltIndexFindsEachKeysSubjects() {
        var builder = PostingLists.Builder()
        // Rows arrive grouped by key, as the load reads them.
        for (key, subjects) in [("db:1990-03-04:q", [1, 2]), ("id:passport:MEX:P1", [3]), ("nm:KLR:TFN", [1, 3, 4])] {
            for n in subjects { builder.add(key: key, subject: subject(n)) }
        }
        #expect(builder.rows == 6)
        let base = builder.finish()
        #expect(base.subjects(for: BlockingIndex.hash("nm:KLR:TFN")) == [1, 3, 4].map(subject))
        #expect(base.subjects(for: BlockingIndex.hash("db:1990-03-04:q")) == [1, 2].map(subject))
        #expect(base.subjects(for: BlockingIndex.hash("nm:none")).isEmpty)
        #expect(base.contains(BlockingIndex.hash("id:passport:MEX:P1"), subject(3)))
        #expect(!base.contains(BlockingIndex.hash("id:passport:MEX:P1"), subject(1)))
    }

    /// Ranking counts and breaks ties on ordinals, which must follow the subjects' order
    /// whatever order the rows came in.
    @Test func ordinalsFollowTheSubjectsOrder() {
        var builder = PostingLists.Builder()
        let arrival = [7, 3, 9, 1, 5, 8, 2]
        for (index, n) in arrival.enumerated() { builder.add(key: "k\(index % 3)", subject: subject(n)) }
        let base = builder.finish()
        #expect(base.subjectCount == arrival.count)
        let byOrdinal = (0..<UInt32(base.subjectCount)).map(base.subject)
        #expect(byOrdinal == arrival.sorted().map(subject))
        for n in arrival { #expect(base.ordinal(of: subject(n)).map(base.subject) == subject(n)) }
        #expect(base.ordinal(of: subject(4)) == nil)
        #expect(base.ordinal(of: subject(100)) == nil)
        // Each block keeps its subjects in arrival order.
        #expect(base.subjects(for: BlockingIndex.hash("k0")) == [7, 1, 2].map(subject))
    }

    @Test func compactingTheOverlayKeepsEverySubjectOfEveryKey() {
        var builder = PostingLists.Builder()
        for n in [1, 2] { builder.add(key: "a", subject: subject(n)) }
        builder.add(key: "b", subject: subject(3))
        let merged = builder.finish().merging([
            BlockingIndex.hash("a"): [subject(9)], BlockingIndex.hash("c"): [subject(1), subject(10)],
        ])
        #expect(merged.subjects(for: BlockingIndex.hash("a")) == [1, 2, 9].map(subject))
        #expect(merged.subjects(for: BlockingIndex.hash("b")) == [subject(3)])
        #expect(merged.subjects(for: BlockingIndex.hash("c")) == [1, 10].map(subject))
    }
}
