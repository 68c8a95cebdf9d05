import Foundation
import Testing

@testable import PrioritizerCore

/// What-if comparison of two rule sets over the same leads.
@Suite("Rule set diff")
struct DiffTests {
    static let old = """
        version: old
        tiers:
          - { name: P1, min_points: 1000 }
          - { name: P2, min_points: 100 }
          - { name: P3, min_points: 20 }
        rules:
          - { name: national-security, when: { fact: risk.national_security, eq: true }, points: 1000, minimum_tier: P1 }
          - { name: criminal-history, when: { fact: risk.criminal_history, eq: true }, points: 100 }
          - { name: overstay, when: { fact: days_overstayed, ge: 1 }, points: 20 }
        """

    /// Criminal history drops to 50 points (P2 → P3 with nothing else, P2 → P2 with an
    /// overstay: 50 + 20 = 70 is P3 too), and an overstay is worth 25 (same tier, more points).
    static let new =
        old
        .replacingOccurrences(of: "version: old", with: "version: new")
        .replacingOccurrences(of: "eq: true }, points: 100 }", with: "eq: true }, points: 50 }")
        .replacingOccurrences(of: "ge: 1 }, points: 20 }", with: "ge: 1 }, points: 25 }")

    static func leads() -> [(id: String, facts: Facts)] {
        let overstay: [FactField: FactValue] = [.visaAdmittedUntil: .date(Fixture.daysAgo(100))]
        var leads: [(id: String, facts: Facts)] = []
        for i in 0..<3 { leads.append(("criminal-\(i)", Fixture.facts([.riskCriminalHistory: .bool(true)]))) }
        for i in 0..<2 {
            leads.append(
                ("criminal-overstay-\(i)", Fixture.facts(overstay.merging([.riskCriminalHistory: .bool(true)]) { $1 })))
        }
        for i in 0..<4 { leads.append(("overstay-\(i)", Fixture.facts(overstay))) }
        for i in 0..<5 { leads.append(("national-security-\(i)", Fixture.facts([.riskNationalSecurity: .bool(true)]))) }
        leads.append(("nothing", Fixture.facts()))
        return leads
    }

    @Test func countsTransitionsAndScoreOnlyChanges() throws {
        let old = try Fixture.rules(Self.old)
        let new = try Fixture.rules(Self.new)
        let report = RuleSetDiff.compute(old: old, new: new, over: Self.leads(), exampleLimit: 2)
        #expect(report.total == 15)
        // criminal: 100 (P2) → 50 (P3); criminal + overstay: 120 (P2) → 75 (P3).
        #expect(report.changedTier == 5)
        #expect(report.transitions == [DiffReport.Transition(from: .tier("P2"), to: .tier("P3"), count: 5)])
        #expect(report.count(from: .tier("P2"), to: .tier("P3")) == 5)
        #expect(report.count(from: .tier("P1"), to: .tier("P2")) == 0)
        // overstay: 20 → 25, still P3.
        #expect(report.changedScoreOnly == 4)
        // national security (1000 both) and nothing (0 both).
        #expect(report.unchanged == 6)
        #expect(report.oldVersion == old.version)
        #expect(report.newVersion == new.version)
    }

    @Test func examplesAreLimitedPerTransitionAndExplained() throws {
        let report = RuleSetDiff.compute(
            old: try Fixture.rules(Self.old), new: try Fixture.rules(Self.new), over: Self.leads(), exampleLimit: 2)
        #expect(report.examples.map(\.id) == ["criminal-0", "criminal-1"])
        let example = try #require(report.examples.first)
        #expect(example.old.priority == .tier("P2"))
        #expect(example.new.priority == .tier("P3"))
        #expect(example.old.points == 100)
        #expect(example.new.points == 50)
        #expect(example.new.fired.map(\.name) == ["criminal-history"])
    }

    @Test func loweringTheCutOffMovesLeadsOutOfBelowThreshold() throws {
        let old = try Fixture.rules(Self.old)
        let lowered = try Fixture.rules(
            Self.old.replacingOccurrences(of: "min_points: 20 }", with: "min_points: 10 }")
                .replacingOccurrences(of: "ge: 1 }, points: 20 }", with: "ge: 1 }, points: 15 }"))
        let report = RuleSetDiff.compute(old: old, new: lowered, over: Self.leads(), exampleLimit: 0)
        // Overstays go from 20 (P3) to 15 (P3, which now starts at 10): points change, tiers do
        // not; the lead with nothing has 0 points under both.
        #expect(report.changedTier == 0)
        #expect(report.changedScoreOnly == 6)  // 4 overstays, 2 criminal + overstay (120 → 115)
        #expect(report.examples.isEmpty)

        let raised = try Fixture.rules(Self.old.replacingOccurrences(of: "min_points: 20 }", with: "min_points: 30 }"))
        let raisedReport = RuleSetDiff.compute(old: old, new: raised, over: Self.leads())
        #expect(raisedReport.transitions == [.init(from: .tier("P3"), to: .belowThreshold, count: 4)])
    }

    @Test func identicalRuleSetsChangeNothing() throws {
        let rules = try Fixture.defaultRules()
        let report = RuleSetDiff.compute(old: rules, new: rules, over: Self.leads())
        #expect(report.total == 15)
        #expect(report.changedTier == 0)
        #expect(report.changedScoreOnly == 0)
        #expect(report.transitions.isEmpty)
        #expect(report.examples.isEmpty)
    }

    @Test func transitionsAreOrderedByOldThenNewTier() throws {
        let old = try Fixture.rules(Self.old)
        // Criminal history and overstay worth 10x: criminal → P1, overstay → P2, national security stays P1.
        let tenfold = try Fixture.rules(
            Self.old.replacingOccurrences(of: "eq: true }, points: 100 }", with: "eq: true }, points: 1000 }")
                .replacingOccurrences(of: "ge: 1 }, points: 20 }", with: "ge: 1 }, points: 200 }"))
        let report = RuleSetDiff.compute(old: old, new: tenfold, over: Self.leads())
        #expect(
            report.transitions == [
                .init(from: .tier("P2"), to: .tier("P1"), count: 5),
                .init(from: .tier("P3"), to: .tier("P2"), count: 4),
            ])
    }
}
