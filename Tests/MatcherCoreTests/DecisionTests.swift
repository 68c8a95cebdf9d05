import Testing

@testable import MatcherCore

@Suite("Decision rule")
struct DecisionTests {
    let t = MatchThresholds.default

    func candidate(_ id: String, _ total: Double, _ counter: [CounterEvidence] = []) -> (subjectID: String, score: MatchScore) {
        (id, MatchScore(total: total, contributions: [], counterEvidence: counter))
    }

    @Test func defaultThresholds() {
        #expect(t.autoLink == 8)
        #expect(t.review == -6)
        #expect(t.ambiguityMargin == 8)
    }

    @Test func clearBestCandidateIsLinked() {
        let d = decide(candidates: [candidate("S2", -20), candidate("S1", 25), candidate("S3", 2)])
        #expect(d.outcome == .autoLink(subjectID: "S1"))
        #expect(d.reasons == [.linked(subjectID: "S1")])
        #expect(d.candidates.map(\.subjectID) == ["S1", "S3", "S2"])
    }

    @Test func betweenThresholdsGoesToReview() {
        let d = decide(candidates: [candidate("S1", 5), candidate("S2", -3), candidate("S3", -9)])
        #expect(d.outcome == .review(subjectIDs: ["S1", "S2"]))
        #expect(d.reasons == [.belowAutoLinkThreshold(subjectID: "S1")])
    }

    @Test func belowReviewOrNoCandidatesIsANewSubject() {
        let below = t.review - 0.5
        #expect(decide(candidates: [candidate("S1", below)]).outcome == .newSubject)
        #expect(decide(candidates: [candidate("S1", below)]).reasons == [.belowReviewThreshold])
        #expect(decide(candidates: [candidate("S1", t.review)]).outcome == .review(subjectIDs: ["S1"]), "the threshold itself reviews")
        let none = decide(candidates: [(subjectID: String, score: MatchScore)]())
        #expect(none.outcome == .newSubject)
        #expect(none.reasons == [.noCandidates])
    }

    @Test(arguments: [
        CounterEvidence.conflictingIdentifier(type: "passport", issuer: "MEX"), .dateOfBirthDisagrees, .sexDisagrees,
        .givenNameDisagrees, .givenNameUnconfirmed, .familyNameDisagrees,
    ])
    func counterEvidenceNeverAutoLinks(evidence: CounterEvidence) {
        let d = decide(candidates: [candidate("S1", 40, [evidence])])
        #expect(d.outcome == .review(subjectIDs: ["S1"]))
        #expect(d.reasons == [.counterEvidence(subjectID: "S1", [evidence])])
    }

    @Test func counterEvidenceBelowReviewIsANewSubject() {
        #expect(decide(candidates: [candidate("S1", -10, [.dateOfBirthDisagrees])]).outcome == .newSubject)
    }

    @Test func twoCandidatesAboveAutoLinkAreAmbiguous() {
        let d = decide(candidates: [candidate("S1", 30), candidate("S2", 29)])
        #expect(d.outcome == .review(subjectIDs: ["S1", "S2"]))
        #expect(d.reasons == [.ambiguous(subjectIDs: ["S1", "S2"])])
    }

    @Test func aCloseReviewableRivalIsAmbiguousButAFarOneIsNot() {
        #expect(decide(candidates: [candidate("S1", 12), candidate("S2", 5)]).outcome == .review(subjectIDs: ["S1", "S2"]))
        #expect(decide(candidates: [candidate("S1", 20), candidate("S2", 5)]).outcome == .autoLink(subjectID: "S1"))
    }

    @Test func aBlockedBestCandidateKeepsTheOthersInReview() {
        let d = decide(candidates: [candidate("S1", 30, [.sexDisagrees]), candidate("S2", 12)])
        #expect(d.outcome == .review(subjectIDs: ["S1", "S2"]))
    }

    @Test func thresholdsAreConfiguration() {
        let strict = MatchThresholds(autoLink: 30, review: 0, ambiguityMargin: 8)
        #expect(decide(candidates: [candidate("S1", 25)], thresholds: strict).outcome == .review(subjectIDs: ["S1"]))
        #expect(decide(candidates: [candidate("S1", -2)], thresholds: strict).outcome == .newSubject)
    }

    @Test func theExplanationKeepsEveryCandidateWithItsContributions() {
        let subject = Fixture.person("tavin", "quellory", dob: Fixture.date(1990, 3, 4), sex: .male)
        let other = Fixture.person("mirela", "orsk", dob: Fixture.date(1971, 6, 30), sex: .female)
        let lead = subject
        let d = decide(candidates: [
            ScoredCandidate(subjectID: "S1", score: Fixture.score(lead, subject)),
            ScoredCandidate(subjectID: "S2", score: Fixture.score(lead, other)),
        ])
        #expect(d.candidates.count == 2)
        #expect(d.candidates[0].score.contribution(.dateOfBirth)?.level == "exact")
        #expect(d.candidates[1].score.contribution(.givenName)?.level == "disagree")
        #expect(d.thresholds == .default)
    }
}
