import Testing

@testable import PrioritizerCore

/// Every score says which rules fired, what each contributed and which facts it looked at.
@Suite("Explanations")
struct ExplanationTests {
    static let yaml = """
        version: explain
        tiers:
          - { name: P1, min_points: 100 }
          - { name: P2, min_points: 10 }
        rules:
          - name: wants
            when: { fact: risk.wants_warrants, eq: true }
            points: 50
            minimum_tier: P1
            tags: [public-safety]
          - name: no-address
            when:
              all:
                - { missing: address.us_last_seen }
                - not: { fact: enrichment.has_current_address, eq: true }
            points: -5
            tags: [no-address, public-safety]
          - name: long-overstay
            when: { fact: days_overstayed, ge: 365 }
            points: 20
        """

    @Test func firedRulesListTheirPointsEffectsAndFacts() throws {
        let rules = try Fixture.rules(Self.yaml)
        let score = rules.evaluate(
            Fixture.facts([.riskWantsWarrants: .bool(true), .visaAdmittedUntil: .date(Fixture.daysAgo(400))]))
        #expect(score.fired.map(\.name) == ["wants", "no-address", "long-overstay"])
        #expect(score.fired.map(\.points) == [50, -5, 20])
        #expect(score.points == 65)
        #expect(score.priority == .tier("P1"), "65 points is P2, the minimum tier of wants makes it P1")
        #expect(score.ruleSetVersion == rules.version)

        let wants = score.fired[0]
        #expect(wants.minimumTier == "P1")
        #expect(wants.tags == ["public-safety"])
        #expect(wants.factsUsed == [FactUse(fact: "risk.wants_warrants", value: .bool(true))])

        let noAddress = score.fired[1]
        #expect(noAddress.minimumTier == nil)
        #expect(
            noAddress.factsUsed == [
                FactUse(fact: "address.us_last_seen", value: nil),
                FactUse(fact: "enrichment.has_current_address", value: nil),
            ], "missing facts are listed with no value")
        #expect(noAddress.value(of: .addressUSLastSeen) == .some(nil))
        #expect(noAddress.value(of: .riskWantsWarrants) == nil, "a fact the rule did not read")

        #expect(score.fired[2].factsUsed == [FactUse(fact: "days_overstayed", value: .number(400))])
    }

    @Test func tagsAreMergedSortedAndUnique() throws {
        let score = try Fixture.rules(Self.yaml).evaluate(Fixture.facts([.riskWantsWarrants: .bool(true)]))
        #expect(score.tags == ["no-address", "public-safety"])
    }

    @Test func rulesThatDidNotFireAreNotListed() throws {
        let score = try Fixture.rules(Self.yaml).evaluate(
            Fixture.facts([.enrichmentHasCurrentAddress: .bool(true), .visaAdmittedUntil: .date(Fixture.daysAgo(30))]))
        #expect(score.fired.isEmpty)
        #expect(score.priority == .belowThreshold)
        #expect(score.explanation.contains("no rule fired"))
    }

    @Test func explanationTextNamesRulesPointsAndFacts() throws {
        let rules = try Fixture.rules(Self.yaml)
        let score = rules.evaluate(
            Fixture.facts([.riskWantsWarrants: .bool(true), .visaAdmittedUntil: .date(Fixture.daysAgo(400))]))
        let lines = score.explanation.split(separator: "\n").map(String.init)
        #expect(lines.count == 4)
        #expect(lines[0] == "P1, 65 points (rules \(rules.version))")
        #expect(lines[1] == "  +50 wants [minimum tier P1; tags public-safety] risk.wants_warrants = true")
        #expect(
            lines[2]
                == "  -5 no-address [tags no-address, public-safety] address.us_last_seen missing, enrichment.has_current_address missing"
        )
        #expect(lines[3] == "  +20 long-overstay days_overstayed = 400")
    }
}
