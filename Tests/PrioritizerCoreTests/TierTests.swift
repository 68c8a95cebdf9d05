import Testing

@testable import PrioritizerCore

/// Points thresholds, minimum tiers and the below-threshold cut-off.
@Suite("Tiers")
struct TierTests {
    /// Three tiers and one rule per points value, each keyed on its own fact so a test can pick
    /// exactly which rules fire.
    static let yaml = """
        version: tiers
        tiers:
          - { name: high, min_points: 100 }
          - { name: mid, min_points: 50 }
          - { name: low, min_points: 20 }
        rules:
          - { name: sixty, when: { fact: risk.criminal_history, eq: true }, points: 60 }
          - { name: forty, when: { fact: subject.departed, eq: false }, points: 40 }
          - { name: ten, when: { fact: subject.protected, eq: false }, points: 10 }
          - { name: minus-thirty, when: { fact: enrichment.has_current_address, eq: false }, points: -30 }
          - { name: at-least-mid, when: { fact: risk.wants_warrants, eq: true }, minimum_tier: mid }
          - { name: at-least-high, when: { fact: risk.national_security, eq: true }, minimum_tier: high }
        """

    func score(_ values: [FactField: FactValue]) throws -> Score {
        try Fixture.rules(Self.yaml).evaluate(Fixture.facts(values))
    }

    @Test func tiersAreTakenByPointsAtTheirThresholds() throws {
        // 60 + 40 = 100: exactly the high threshold.
        #expect(
            try score([.riskCriminalHistory: .bool(true), .subjectDeparted: .bool(false)]).priority == .tier("high"))
        // 60 + 40 + 10 - 30 = 80: mid.
        let eighty = try score([
            .riskCriminalHistory: .bool(true), .subjectDeparted: .bool(false), .subjectProtected: .bool(false),
            .enrichmentHasCurrentAddress: .bool(false),
        ])
        #expect(eighty.points == 80)
        #expect(eighty.priority == .tier("mid"))
        // 40 alone: low.
        let forty = try score([.subjectDeparted: .bool(false)])
        #expect(forty.points == 40)
        #expect(forty.priority == .tier("low"))
        // 40 + 10 = 50: exactly mid.
        #expect(try score([.subjectDeparted: .bool(false), .subjectProtected: .bool(false)]).priority == .tier("mid"))
    }

    @Test func belowTheLowestThresholdIsBelowThreshold() throws {
        let ten = try score([.subjectProtected: .bool(false)])
        #expect(ten.points == 10)
        #expect(ten.priority == .belowThreshold)
        let negative = try score([.subjectProtected: .bool(false), .enrichmentHasCurrentAddress: .bool(false)])
        #expect(negative.points == -20)
        #expect(negative.priority == .belowThreshold)
        let nothing = try score([:])
        #expect(nothing.points == 0)
        #expect(nothing.fired.isEmpty)
        #expect(nothing.priority == .belowThreshold)
        #expect(try Fixture.rules(Self.yaml).belowThreshold == 20)
    }

    @Test func aMinimumTierRaisesButNeverLowers() throws {
        let raised = try score([.riskWantsWarrants: .bool(true)])
        #expect(raised.points == 0)
        #expect(raised.priority == .tier("mid"))
        let negativeButRaised = try score([.riskWantsWarrants: .bool(true), .enrichmentHasCurrentAddress: .bool(false)])
        #expect(negativeButRaised.points == -30)
        #expect(negativeButRaised.priority == .tier("mid"))
        // Points reach high; a minimum of mid does not pull it down.
        let high = try score([
            .riskWantsWarrants: .bool(true), .riskCriminalHistory: .bool(true), .subjectDeparted: .bool(false),
        ])
        #expect(high.priority == .tier("high"))
        // Two minimum tiers: the higher wins.
        #expect(
            try score([.riskWantsWarrants: .bool(true), .riskNationalSecurity: .bool(true)]).priority == .tier("high"))
    }

    @Test func ranksOrderTiersThenBelowThreshold() throws {
        let rules = try Fixture.rules(Self.yaml)
        #expect(rules.rank(of: .tier("high")) == 0)
        #expect(rules.rank(of: .tier("low")) == 2)
        #expect(rules.rank(of: .belowThreshold) == 3)
        #expect(rules.rank(of: .tier("P1")) == nil)
    }

    @Test func outcomeAgreesWithEvaluate() throws {
        let rules = try Fixture.rules(Self.yaml)
        let flags: [FactField] = [
            .riskCriminalHistory, .subjectDeparted, .subjectProtected, .enrichmentHasCurrentAddress, .riskWantsWarrants,
            .riskNationalSecurity,
        ]
        for mask in 0..<(1 << flags.count) {
            var values: [FactField: FactValue] = [:]
            for (bit, field) in flags.enumerated() { values[field] = .bool(mask & (1 << bit) != 0) }
            let facts = Fixture.facts(values)
            let score = rules.evaluate(facts)
            #expect(rules.outcome(facts) == Outcome(points: score.points, priority: score.priority))
        }
    }
}
