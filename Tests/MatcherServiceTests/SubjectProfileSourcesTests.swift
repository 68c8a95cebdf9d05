import MatcherCore
import Testing

@testable import MatcherService

// Synthetic values only.

/// Taking a subject apart by lead (split) and replaying one into another (merge) keep every
/// value with the leads that gave it.
@Suite struct SubjectProfileSourcesTests {
    let a = SourceRef(leadID: "lead-a", system: "test/targeting", recordID: "A-1")
    let b = SourceRef(leadID: "lead-b", system: "test/partner", recordID: "B-1")

    func twoLeadProfile() -> SubjectProfile {
        var profile = SubjectProfile(
            newFrom: MatchRecord(
                given: "avery", family: "testperson", dateOfBirth: PartialDate(year: 1987, month: 4, day: 12),
                identifiers: [Identifier(type: "passport", issuer: "MEX", value: "X7654321")],
                addresses: [Address(line: "12 example st", zip5: "75001")]),
            source: a)
        _ = profile.merge(
            MatchRecord(
                given: "avery", family: "testperson-stone", dateOfBirth: PartialDate(year: 1987, month: 4, day: 12),
                addresses: [Address(line: "40 sample ave", zip5: "75002")]),
            from: b)
        return profile
    }

    @Test func splitGivesEachSideWhatItsLeadsContributed() throws {
        let profile = twoLeadProfile()
        let moved = try #require(profile.rebuilt { $0.leadID == "lead-b" })
        let kept = try #require(profile.rebuilt { $0.leadID != "lead-b" })
        #expect(moved.record.addresses == [Address(line: "40 sample ave", zip5: "75002")])
        #expect(moved.record.identifiers.isEmpty, "the passport came from lead a only")
        #expect(moved.record.dateOfBirth == PartialDate(year: 1987, month: 4, day: 12), "both leads gave the date")
        #expect(moved.record.names.map(\.family) == ["testperson-stone"])
        #expect(moved.provenance.sources == [b])
        #expect(kept.record.addresses == [Address(line: "12 example st", zip5: "75001")])
        #expect(kept.record.identifiers.count == 1)
        #expect(kept.provenance.sources == [a])
        #expect(profile.rebuilt { _ in false } == nil)
    }

    @Test func absorbingKeepsProvenanceOfEveryValue() {
        var survivor = SubjectProfile(newFrom: MatchRecord(given: "avery", family: "testperson"), source: a)
        let other = SubjectProfile(
            newFrom: MatchRecord(given: "avery", family: "testperson", identifiers: [Identifier(type: "ssn", value: "123-45-6789")]),
            source: b)
        let added = survivor.absorb(other)
        #expect(added.identifiers == 1)
        #expect(survivor.provenance.sources == [a, b])
        #expect(survivor.provenance.names == [[0, 1]], "the shared name is confirmed by both leads")
        #expect(survivor.provenance.identifiers == [[1]])
    }

    @Test func candidatesAReviewerKeptApartAreNotAskedTogetherAgain() {
        let decisions = [SubjectPair("s2", "s1"): "different", SubjectPair("s3", "s1"): "unsure"]
        #expect(LeadMatchingHandler.unaskedCandidates(["s1", "s2", "s3"], decisions: decisions) == ["s1", "s3"])
        #expect(LeadMatchingHandler.unaskedCandidates(["s2", "s1"], decisions: decisions) == ["s2"])
        #expect(LeadMatchingHandler.unaskedCandidates(["s3", "s4"], decisions: decisions) == ["s3", "s4"])
    }
}
