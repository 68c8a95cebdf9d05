import Testing

@testable import MatcherCore

/// A tiny hand-built scenario: true duplicates with the error types the matcher must absorb,
/// and non-duplicates it must never link (household members, twins, namesakes). All names,
/// numbers and addresses are invented.
@Suite("Synthetic scenario")
struct ScenarioTests {
    static let home = Address(line: "12 quillon st", zip5: "10001")
    static let elsewhere = Address(line: "480 varnesh ave apt 9", zip5: "60614")
    static let aNumber = Identifier(type: IdentifierType.alienNumber, value: "A204518873")

    static let tavin = Fixture.person(
        "william", "quellory", dob: Fixture.date(1990, 3, 4), sex: .male, country: "MEX",
        ids: [Fixture.passport("P1234567")], addresses: [home])
    static let mirela = Fixture.person(
        "mirela", "quellory", dob: Fixture.date(1992, 11, 23), sex: .female, country: "MEX", addresses: [home])
    static let rashid = Fixture.person(
        "muhammad", "tabrizkani", dob: Fixture.date(1984, 8, 19), sex: .male, country: "EGY", ids: [aNumber],
        addresses: [elsewhere])
    static let lucia = Fixture.person(
        "lucia", "garcia lopez", dob: Fixture.date(1985, 6, 17), sex: .female, country: "GTM", addresses: [elsewhere])
    static let subjects: [String: MatchRecord] = ["S1": tavin, "S2": mirela, "S3": rashid, "S4": lucia]

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var lead: MatchRecord
        /// The subject the lead really is, or nil for a new person.
        var truth: String?
        var testDescription: String { name }
    }

    static let duplicates: [Case] = [
        Case(
            name: "family typo, OCR passport",
            lead: Fixture.person(
                "william", "quelory", dob: Fixture.date(1990, 3, 4), sex: .male, country: "MEX",
                ids: [Fixture.passport("PI234567")]), truth: "S1"),
        Case(
            name: "nickname, day/month swapped",
            lead: Fixture.person("bill", "quellory", dob: Fixture.date(1990, 4, 3), sex: .male, country: "MEX"),
            truth: "S1"),
        Case(
            name: "name order swapped, moved house",
            lead: Fixture.person(
                "quellory", "william", dob: Fixture.date(1990, 3, 4), sex: .male, country: "MEX",
                addresses: [elsewhere]), truth: "S1"),
        Case(
            name: "transliteration, no date of birth",
            lead: Fixture.person("mohammed", "tabrizkani", sex: .male, country: "EGY", ids: [aNumber]), truth: "S3"),
        Case(
            name: "compound surname cut, partial date",
            lead: Fixture.person(
                "lucia", "garcia", dob: Fixture.date(1985), sex: .female, country: "GTM", addresses: [elsewhere]),
            truth: "S4"),
        Case(
            name: "date digit typo, sex missing",
            lead: Fixture.person("mirela", "quellory", dob: Fixture.date(1992, 11, 28), country: "MEX", addresses: [home]),
            truth: "S2"),
        Case(
            name: "identifier typo and nothing else wrong",
            lead: Fixture.person(
                "muhammad", "tabrizkani", dob: Fixture.date(1984, 8, 19), sex: .male, country: "EGY",
                ids: [Identifier(type: IdentifierType.alienNumber, value: "A204518837")]), truth: "S3"),
        Case(
            name: "OCR digits in the name",
            lead: Fixture.person("wi11iam", "que11ory", dob: Fixture.date(1990, 3, 4), sex: .male, country: "MEX"),
            truth: "S1"),
    ]

    static let nonDuplicates: [Case] = [
        Case(
            name: "sibling at the same address",
            lead: Fixture.person(
                "oskar", "quellory", dob: Fixture.date(1995, 1, 30), sex: .male, country: "MEX", addresses: [home])),
        Case(
            name: "twin: same date, family and address, other given name",
            lead: Fixture.person(
                "tomas", "quellory", dob: Fixture.date(1990, 3, 4), sex: .male, country: "MEX", addresses: [home])),
        Case(
            name: "twin with a gendered name pair",
            lead: Fixture.person("mirelo", "quellory", dob: Fixture.date(1992, 11, 23), country: "MEX", addresses: [home])),
        Case(
            name: "parent of the same name",
            lead: Fixture.person(
                "william", "quellory", dob: Fixture.date(1962, 5, 14), sex: .male, country: "MEX", addresses: [home])),
        Case(
            name: "namesake with another passport",
            lead: Fixture.person(
                "william", "quellory", dob: Fixture.date(1990, 3, 4), sex: .male, country: "MEX",
                ids: [Fixture.passport("P9081726")])),
        Case(
            name: "sister with a shared first name",
            lead: Fixture.person(
                "lucia maria", "garcia lopez", dob: Fixture.date(1988, 2, 9), sex: .female, country: "GTM",
                addresses: [elsewhere])),
    ]

    /// Scores the lead against every subject sharing a blocking key, as the service will.
    static func run(_ lead: MatchRecord) -> MatchDecision {
        let keys = Set(blockingKeys(for: lead))
        let candidates = subjects.sorted { $0.key < $1.key }
            .filter { !keys.isDisjoint(with: blockingKeys(for: $0.value)) }
            .map { ScoredCandidate(subjectID: $0.key, score: Fixture.score(lead, $0.value)) }
        return decide(candidates: candidates)
    }

    @Test(arguments: duplicates)
    func trueDuplicatesReachAtLeastReview(c: Case) throws {
        let decision = Self.run(c.lead)
        let truth = try #require(c.truth)
        let candidate = try #require(decision.candidates.first { $0.subjectID == truth }, "not retrieved by blocking")
        #expect(candidate.score.total >= MatchThresholds.default.review)
        switch decision.outcome {
        case .autoLink(let id): #expect(id == truth)
        case .review(let ids): #expect(ids.contains(truth))
        case .newSubject: Issue.record("duplicate became a new subject")
        }
    }

    @Test func strongDuplicatesAreLinkedAutomatically() {
        for c in Self.duplicates where ["family typo, OCR passport", "identifier typo and nothing else wrong"].contains(c.name) {
            #expect(Self.run(c.lead).outcome == .autoLink(subjectID: c.truth!), "\(c.name)")
        }
    }

    @Test(arguments: nonDuplicates)
    func nonDuplicatesAreNeverLinkedAutomatically(c: Case) {
        let decision = Self.run(c.lead)
        if case .autoLink(let id) = decision.outcome {
            Issue.record("\(c.name) was linked to \(id)")
        }
        for candidate in decision.candidates {
            #expect(candidate.score.total < MatchThresholds.default.autoLink || !candidate.score.counterEvidence.isEmpty)
        }
    }
}
