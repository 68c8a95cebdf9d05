import MatcherCore
import Testing

@testable import MatcherService

// Synthetic names and numbers only.

/// What a batch keeps for the leads after the one that changed it (before anything is written).
@Suite struct MatchBatchTests {
    private func subject(_ id: String, _ record: MatchRecord) -> StoredSubject {
        StoredSubject(
            id: id, profile: SubjectProfile(newFrom: record, source: SourceRef(leadID: "l-\(id)", system: "test")),
            primaryName: "-", leadCount: 1, categories: ["overstay"], departed: nil)
    }

    private let a = "00000000-0000-4000-8000-00000000000a"
    private let b = "00000000-0000-4000-8000-00000000000b"

    private let avery = MatchRecord(
        given: "Avery", family: "Testperson", dateOfBirth: PartialDate(year: 1987, month: 4, day: 12),
        identifiers: [Identifier(type: IdentifierType.passport, issuer: "MEX", value: "X7654321")])

    @Test func countsIncludeTheSubjectsTheBatchGaveAValue() {
        var batch = MatchBatch()
        batch.subjectTotal = 2_000
        let family = SubjectTerms.key("family", "testperson")
        batch.termCounts = [family: 3]
        batch.create(subject(a, avery), keys: ["k1"])
        batch.create(subject(b, MatchRecord(given: "Blake", family: "Testperson")), keys: ["k2"])
        let frequencies = batch.frequencies(for: avery)
        #expect(frequencies.subjectTotal == 2_002, "the two new subjects count")
        #expect(frequencies.counts[family] == 5, "3 stored and 2 new subjects share the family name")
        let passport = SubjectTerms.key("id", TermValues.identifierKey(type: IdentifierType.passport, issuer: "MEX", value: "X7654321"))
        #expect(frequencies.counts[passport] == nil, "a value not counted before the batch is not guessed")
    }

    @Test func aChangedSubjectAddsOnlyItsNewKeysAndTermsAndTheyAreLockedFirst() {
        var batch = MatchBatch()
        var held = subject(a, avery)
        batch.hold(held, requestedAs: "old-id")
        #expect(batch.held("old-id")?.id == a, "a subject merged away is found under the id asked for")
        held.leadCount = 2
        let terms = SubjectTerms(TermValues(MatchRecord(given: "Kasey", family: "Fixturely")))
            .subtracting(SubjectTerms(TermValues(avery)))
        batch.update(held, newKeys: ["alias-key"], newTerms: terms)
        #expect(batch.held(a)?.leadCount == 2)
        #expect(batch.keysToLock == ["alias-key"])
        #expect(batch.keyRows.map(\.key) == ["alias-key"])
        #expect(Set(batch.termRows.map(\.value)) == ["fixturely", "kasey"])
        #expect(batch.own.keys[BlockingIndex.hash("alias-key")] == [SubjectKey(a)], "later leads find it under the alias")
        #expect(batch.subjects[a]?.changes == 1)
    }
}
