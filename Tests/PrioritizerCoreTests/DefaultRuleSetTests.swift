import Testing

@testable import PrioritizerCore

/// The shipped rule set (rules/default.yaml) on representative leads. Expected points are
/// worked out by hand from the file's rules.
@Suite("Default rule set")
struct DefaultRuleSetTests {
    /// A person who overstayed by 400 days and had a US address 30 days ago.
    static let plainOverstay: [FactField: FactValue] = [
        .visaAdmittedUntil: .date(Fixture.daysAgo(400)), .addressUSLastSeen: .date(Fixture.daysAgo(30)),
    ]

    func score(_ values: [FactField: FactValue], category: String = "overstay") throws -> Score {
        try Fixture.defaultRules().evaluate(Fixture.person(category, values))
    }

    func with(_ extra: [FactField: FactValue]) -> [FactField: FactValue] {
        Self.plainOverstay.merging(extra) { $1 }
    }

    @Test func loadsAndDeclaresTheMissionTiers() throws {
        let rules = try Fixture.defaultRules()
        #expect(rules.tiers.map(\.name) == ["P1", "P2", "P3"])
        #expect(rules.belowThreshold == 20)
        #expect(rules.version.hasPrefix("2025.06+"))
    }

    @Test func plainOverstayWithRecentAddressIsP3() throws {
        let score = try self.score(Self.plainOverstay)
        #expect(score.points == 45)  // 10 + 10 + 10 for the overstay, 15 for the recent address
        #expect(score.priority == .tier("P3"))
        #expect(
            score.fired.map(\.name) == [
                "overstay", "overstay-over-180-days", "overstay-over-a-year", "recent-us-address",
            ])
        #expect(score.tags == ["locatable", "overstay"])
    }

    @Test func nationalSecurityIsP1() throws {
        #expect(try self.score(with([.riskNationalSecurity: .bool(true)])).priority == .tier("P1"))
        #expect(try self.score([:], category: "visaRevokedNationalSecurity").priority == .tier("P1"))
        let evenIfDepartedAndProtected = try self.score(
            with([.riskNationalSecurity: .bool(true), .subjectDeparted: .bool(true), .subjectProtected: .bool(true)]))
        #expect(evenIfDepartedAndProtected.points == 445)  // 1000 + 45 - 300 - 300
        #expect(evenIfDepartedAndProtected.priority == .tier("P1"))
    }

    @Test func wantsAndWarrantsIsP2() throws {
        let score = try self.score(with([.riskWantsWarrants: .bool(true)]))
        #expect(score.points == 245)
        #expect(score.priority == .tier("P2"))
        #expect(score.tags.contains("public-safety"))
        #expect(try self.score([:], category: "wantedNotice").priority == .tier("P2"))
    }

    @Test func criminalHistoryIsP2ByPoints() throws {
        let score = try self.score(with([.riskCriminalHistory: .bool(true)]))
        #expect(score.points == 145)
        #expect(score.priority == .tier("P2"))
    }

    @Test func addingWantsAndWarrantsRaisesTheTier() throws {
        let rules = try Fixture.defaultRules()
        let before = try self.score(Self.plainOverstay)
        let after = try self.score(with([.riskWantsWarrants: .bool(true)]))
        let beforeRank = try #require(rules.rank(of: before.priority))
        let afterRank = try #require(rules.rank(of: after.priority))
        #expect(afterRank < beforeRank)
    }

    @Test func departedSubjectIsBelowThresholdUnlessWantedOrNationalSecurity() throws {
        let departed = try self.score(with([.subjectDeparted: .bool(true)]))
        #expect(departed.points == -255)
        #expect(departed.priority == .belowThreshold)
        #expect(departed.tags.contains("departed"))
        #expect(
            try self.score(with([.subjectDeparted: .bool(true), .riskCriminalHistory: .bool(true)])).priority
                == .belowThreshold)
        #expect(
            try self.score(with([.subjectDeparted: .bool(true), .riskWantsWarrants: .bool(true)])).priority
                == .tier("P2"))
    }

    @Test func protectedSubjectIsBelowThresholdAndTagged() throws {
        let protected = try self.score(with([.subjectProtected: .bool(true)]))
        #expect(protected.priority == .belowThreshold)
        #expect(protected.tags.contains("protected"))
        #expect(
            try self.score(with([.subjectProtected: .bool(true), .riskWantsWarrants: .bool(true)])).priority
                == .tier("P2"))
    }

    @Test func shortOverstayWithoutAnyAddressIsBelowThreshold() throws {
        let score = try self.score([.visaAdmittedUntil: .date(Fixture.daysAgo(40))])
        #expect(score.points == 0)  // 10 for the overstay, -10 for no known US address
        #expect(score.fired.map(\.name) == ["overstay", "no-known-us-address"])
        #expect(score.priority == .belowThreshold)
    }

    @Test func longOverstayWithoutAddressJustReachesP3() throws {
        let score = try self.score([.visaAdmittedUntil: .date(Fixture.daysAgo(400))])
        #expect(score.points == 20)
        #expect(score.priority == .tier("P3"))
    }

    @Test func staleAddressDoesNotCountAsRecent() throws {
        let score = try self.score([
            .visaAdmittedUntil: .date(Fixture.daysAgo(400)), .addressUSLastSeen: .date(Fixture.daysAgo(181)),
        ])
        #expect(score.points == 30)
        #expect(!score.fired.map(\.name).contains("recent-us-address"))
        #expect(!score.fired.map(\.name).contains("no-known-us-address"))
    }

    @Test func organisationComplianceIsP3() throws {
        let facts = Fixture.facts([
            .leadKind: .string("organisation"), .leadCategory: .string("organisationCompliance"),
        ])
        let score = try Fixture.defaultRules().evaluate(facts)
        #expect(score.points == 20)
        #expect(score.priority == .tier("P3"))
    }

    /// Over every combination of the facts that matter, the mission order holds: national
    /// security is P1; otherwise wants and warrants are P2; otherwise nothing reaches P1 or P2
    /// without criminal history.
    @Test func missionOrderHoldsForEveryCombination() throws {
        let rules = try Fixture.defaultRules()
        let categories = FactField.leadCategory.allowedValues!.filter { $0 != "organisationCompliance" }
        let flags: [FactField] = [
            .riskNationalSecurity, .riskWantsWarrants, .riskCriminalHistory, .subjectDeparted, .subjectProtected,
            .enrichmentHasCurrentAddress,
        ]
        var checked = 0
        for category in categories {
            for mask in 0..<(1 << flags.count) {
                for overstay in [nil, 10, 200, 800] as [Int?] {
                    var values: [FactField: FactValue] = [.subjectPriorLeads: .number(3)]
                    for (bit, field) in flags.enumerated() { values[field] = .bool(mask & (1 << bit) != 0) }
                    if let overstay { values[.visaAdmittedUntil] = .date(Fixture.daysAgo(overstay)) }
                    values[.addressUSLastSeen] = .date(Fixture.daysAgo(10))
                    let score = rules.evaluate(Fixture.person(category, values))
                    let nationalSecurity = mask & 1 != 0 || category == "visaRevokedNationalSecurity"
                    let wanted = mask & 2 != 0 || category == "wantedNotice"
                    let criminal = mask & 4 != 0
                    if nationalSecurity {
                        #expect(score.priority == .tier("P1"), "\(category) \(mask) \(String(describing: overstay))")
                    } else if wanted {
                        #expect(score.priority == .tier("P2"), "\(category) \(mask) \(String(describing: overstay))")
                    } else if !criminal {
                        #expect(
                            score.priority == .tier("P3") || score.priority == .belowThreshold,
                            "\(category) \(mask) \(String(describing: overstay))")
                    } else {
                        #expect(score.priority != .tier("P1"))
                    }
                    checked += 1
                }
            }
        }
        #expect(checked == categories.count * 64 * 4)
    }
}
