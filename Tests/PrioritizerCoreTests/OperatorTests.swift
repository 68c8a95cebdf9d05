import Foundation
import Testing

@testable import PrioritizerCore

/// Each operator, true and false, and what a missing fact does to it.
@Suite("Operators")
struct OperatorTests {
    typealias Case = (label: String, when: String, facts: [FactField: FactValue], expected: Bool)

    static let none: [FactField: FactValue] = [:]

    @Test(
        arguments: [
            ("eq string, equal", "{ fact: lead.source, eq: targeting }", [.leadSource: .string("targeting")], true),
            ("eq string, different", "{ fact: lead.source, eq: targeting }", [.leadSource: .string("partner")], false),
            (
                "eq string, case matters", "{ fact: lead.source, eq: targeting }", [.leadSource: .string("Targeting")],
                false
            ),
            ("eq string, missing", "{ fact: lead.source, eq: targeting }", none, false),
            ("ne string, different", "{ fact: lead.source, ne: targeting }", [.leadSource: .string("partner")], true),
            ("ne string, equal", "{ fact: lead.source, ne: targeting }", [.leadSource: .string("targeting")], false),
            ("ne string, missing is false", "{ fact: lead.source, ne: targeting }", none, false),
            ("eq enumerated", "{ fact: lead.category, eq: fraud }", [.leadCategory: .string("fraud")], true),
            (
                "eq enumerated, different", "{ fact: lead.category, eq: fraud }", [.leadCategory: .string("overstay")],
                false
            ),
            (
                "ne enumerated, value outside the list", "{ fact: lead.category, ne: fraud }",
                [.leadCategory: .string("other")], true
            ),
            (
                "eq enumerated, value outside the list", "{ fact: lead.category, eq: fraud }",
                [.leadCategory: .string("other")], false
            ),
            ("ne enumerated, missing", "{ fact: lead.category, ne: fraud }", none, false),
        ] as [Case])
    func equalityOnStrings(_ c: Case) throws {
        #expect(try Fixture.fires(c.when, Fixture.facts(c.facts)) == c.expected, "\(c.label)")
    }

    @Test(
        arguments: [
            ("in, listed", "{ fact: visa.class, in: [F1, J1] }", [.visaClass: .string("J1")], true),
            ("in, not listed", "{ fact: visa.class, in: [F1, J1] }", [.visaClass: .string("B2")], false),
            ("in, missing", "{ fact: visa.class, in: [F1, J1] }", none, false),
            ("not_in, not listed", "{ fact: visa.class, not_in: [F1, J1] }", [.visaClass: .string("B2")], true),
            ("not_in, listed", "{ fact: visa.class, not_in: [F1, J1] }", [.visaClass: .string("F1")], false),
            ("not_in, missing is false", "{ fact: visa.class, not_in: [F1, J1] }", none, false),
            (
                "in enumerated, listed", "{ fact: lead.category, in: [fraud, wantedNotice] }",
                [.leadCategory: .string("wantedNotice")], true
            ),
            (
                "in enumerated, not listed", "{ fact: lead.category, in: [fraud, wantedNotice] }",
                [.leadCategory: .string("overstay")], false
            ),
            (
                "not_in enumerated, not listed", "{ fact: lead.category, not_in: [fraud] }",
                [.leadCategory: .string("overstay")], true
            ),
            (
                "not_in enumerated, listed", "{ fact: lead.category, not_in: [fraud] }",
                [.leadCategory: .string("fraud")], false
            ),
            ("not_in enumerated, missing", "{ fact: lead.category, not_in: [fraud] }", none, false),
            (
                "contains, member", "{ fact: risk.indicators, contains: TSC }", [.riskIndicators: .set(["TSC", "X"])],
                true
            ),
            (
                "contains, not a member", "{ fact: risk.indicators, contains: TSC }", [.riskIndicators: .set(["X"])],
                false
            ),
            ("contains, empty set", "{ fact: risk.indicators, contains: TSC }", [.riskIndicators: .set([])], false),
            ("contains, missing", "{ fact: risk.indicators, contains: TSC }", none, false),
            (
                "contains_any, one member", "{ fact: subject.categories, contains_any: [a, b] }",
                [.subjectCategories: .set(["c", "b"])], true
            ),
            (
                "contains_any, no member", "{ fact: subject.categories, contains_any: [a, b] }",
                [.subjectCategories: .set(["c"])], false
            ),
            ("contains_any, missing", "{ fact: subject.categories, contains_any: [a, b] }", none, false),
        ] as [Case])
    func membership(_ c: Case) throws {
        #expect(try Fixture.fires(c.when, Fixture.facts(c.facts)) == c.expected, "\(c.label)")
    }

    @Test(
        arguments: [
            ("eq true", "{ fact: risk.wants_warrants, eq: true }", [.riskWantsWarrants: .bool(true)], true),
            ("eq true, false", "{ fact: risk.wants_warrants, eq: true }", [.riskWantsWarrants: .bool(false)], false),
            ("eq false, false", "{ fact: risk.wants_warrants, eq: false }", [.riskWantsWarrants: .bool(false)], true),
            ("eq false, missing is not false", "{ fact: risk.wants_warrants, eq: false }", none, false),
            ("ne true, false", "{ fact: risk.wants_warrants, ne: true }", [.riskWantsWarrants: .bool(false)], true),
            ("ne true, true", "{ fact: risk.wants_warrants, ne: true }", [.riskWantsWarrants: .bool(true)], false),
            ("ne true, missing", "{ fact: risk.wants_warrants, ne: true }", none, false),
        ] as [Case])
    func booleans(_ c: Case) throws {
        #expect(try Fixture.fires(c.when, Fixture.facts(c.facts)) == c.expected, "\(c.label)")
    }

    @Test(
        arguments: [
            ("eq", "eq", 2.0, true), ("eq", "eq", 3.0, false),
            ("ne", "ne", 3.0, true), ("ne", "ne", 2.0, false),
            ("gt above", "gt", 3.0, true), ("gt at", "gt", 2.0, false),
            ("ge at", "ge", 2.0, true), ("ge below", "ge", 1.0, false),
            ("lt below", "lt", 1.0, true), ("lt at", "lt", 2.0, false),
            ("le at", "le", 2.0, true), ("le above", "le", 3.0, false),
        ] as [(String, String, Double, Bool)])
    func numbersAgainstTwo(_ label: String, _ op: String, _ value: Double, _ expected: Bool) throws {
        let when = "{ fact: subject.prior_leads, \(op): 2 }"
        #expect(try Fixture.fires(when, Fixture.facts([.subjectPriorLeads: .number(value)])) == expected, "\(label)")
        #expect(try !Fixture.fires(when, Fixture.facts()), "\(op) on a missing number is false")
    }

    @Test(
        arguments: [
            ("gt later", "gt", Fixture.day(2024, 3, 2), true), ("gt same", "gt", Fixture.day(2024, 3, 1), false),
            ("ge same", "ge", Fixture.day(2024, 3, 1), true), ("ge earlier", "ge", Fixture.day(2024, 2, 29), false),
            ("lt earlier", "lt", Fixture.day(2024, 2, 29), true), ("lt same", "lt", Fixture.day(2024, 3, 1), false),
            ("le same", "le", Fixture.day(2024, 3, 1), true), ("le later", "le", Fixture.day(2024, 3, 2), false),
            ("eq same", "eq", Fixture.day(2024, 3, 1), true),
            ("eq an hour later", "eq", Fixture.day(2024, 3, 1) + 3600, false),
            ("ne later", "ne", Fixture.day(2024, 3, 2), true),
        ] as [(String, String, Date, Bool)])
    func datesAgainstFirstOfMarch2024(_ label: String, _ op: String, _ value: Date, _ expected: Bool) throws {
        let when = "{ fact: lead.received_at, \(op): 2024-03-01 }"
        #expect(try Fixture.fires(when, Fixture.facts([.leadReceivedAt: .date(value)])) == expected, "\(label)")
        #expect(try !Fixture.fires(when, Fixture.facts()), "\(op) on a missing date is false")
    }

    @Test func dateLiteralsMayCarryATime() throws {
        let when = "{ fact: lead.received_at, ge: 2024-03-01T12:00:00Z }"
        #expect(try Fixture.fires(when, Fixture.facts([.leadReceivedAt: .date(Fixture.day(2024, 3, 1) + 12 * 3600)])))
        #expect(try !Fixture.fires(when, Fixture.facts([.leadReceivedAt: .date(Fixture.day(2024, 3, 1) + 11 * 3600)])))
    }

    @Test(
        arguments: [
            ("today", 0, true), ("exactly 180 days ago", 180, true), ("181 days ago", 181, false),
            ("in the future (valid until a later date)", -30, true),
        ] as [(String, Int, Bool)])
    func withinDays(_ label: String, _ daysAgo: Int, _ expected: Bool) throws {
        let when = "{ fact: address.us_last_seen, within_days: 180 }"
        #expect(
            try Fixture.fires(when, Fixture.facts([.addressUSLastSeen: .date(Fixture.daysAgo(daysAgo))])) == expected,
            "\(label)")
        let older = "{ fact: address.us_last_seen, older_than_days: 180 }"
        #expect(
            try Fixture.fires(older, Fixture.facts([.addressUSLastSeen: .date(Fixture.daysAgo(daysAgo))])) == !expected,
            "older_than_days is the complement when the date is present: \(label)")
    }

    @Test func relativeDateTestsAreFalseOnMissingDates() throws {
        #expect(try !Fixture.fires("{ fact: address.us_last_seen, within_days: 180 }", Fixture.facts()))
        #expect(try !Fixture.fires("{ fact: address.us_last_seen, older_than_days: 180 }", Fixture.facts()))
    }

    @Test func withinDaysCountsFromTheEvaluationDate() throws {
        let seen: [FactField: FactValue] = [.addressUSLastSeen: .date(Fixture.day(2025, 1, 1))]
        let when = "{ fact: address.us_last_seen, within_days: 30 }"
        #expect(try Fixture.fires(when, Fixture.facts(seen, asOf: Fixture.day(2025, 1, 31))))
        #expect(try !Fixture.fires(when, Fixture.facts(seen, asOf: Fixture.day(2025, 2, 1))))
    }

    @Test func daysOverstayedIsDerivedFromAdmittedUntil() throws {
        let admitted = Fixture.facts([.visaAdmittedUntil: .date(Fixture.daysAgo(400))])
        #expect(admitted[.daysOverstayed] == .number(400))
        #expect(try Fixture.fires("{ fact: days_overstayed, ge: 400 }", admitted))
        #expect(try !Fixture.fires("{ fact: days_overstayed, gt: 400 }", admitted))
        #expect(try Fixture.fires("{ exists: days_overstayed }", admitted))

        let notYet = Fixture.facts([.visaAdmittedUntil: .date(Fixture.daysAgo(-10))])
        #expect(notYet[.daysOverstayed] == nil)
        #expect(try Fixture.fires("{ missing: days_overstayed }", notYet))
        #expect(try !Fixture.fires("{ fact: days_overstayed, lt: 1 }", notYet), "not yet overstayed is missing, not 0")

        let lastDay = Fixture.facts([.visaAdmittedUntil: .date(Fixture.asOf)])
        #expect(lastDay[.daysOverstayed] == nil, "the admitted-until day itself is not an overstay")
        #expect(Fixture.facts([.visaAdmittedUntil: .date(Fixture.daysAgo(1))])[.daysOverstayed] == .number(1))
        #expect(try Fixture.fires("{ missing: days_overstayed }", Fixture.facts()))
    }

    @Test func existsAndMissing() throws {
        let withClass = Fixture.facts([.visaClass: .string("F1")])
        #expect(try Fixture.fires("{ exists: visa.class }", withClass))
        #expect(try !Fixture.fires("{ missing: visa.class }", withClass))
        #expect(try !Fixture.fires("{ exists: visa.class }", Fixture.facts()))
        #expect(try Fixture.fires("{ missing: visa.class }", Fixture.facts()))
        #expect(
            try Fixture.fires("{ exists: risk.indicators }", Fixture.facts([.riskIndicators: .set([])])),
            "an empty set is present")
    }

    @Test func allAnyNot() throws {
        let facts = Fixture.facts([.riskWantsWarrants: .bool(true), .riskCriminalHistory: .bool(false)])
        let wants = "{ fact: risk.wants_warrants, eq: true }"
        let criminal = "{ fact: risk.criminal_history, eq: true }"
        #expect(try Fixture.fires("{ all: [\(wants)] }", facts))
        #expect(try !Fixture.fires("{ all: [\(wants), \(criminal)] }", facts))
        #expect(try Fixture.fires("{ any: [\(criminal), \(wants)] }", facts))
        #expect(try !Fixture.fires("{ any: [\(criminal), \(criminal)] }", facts))
        #expect(try Fixture.fires("{ not: \(criminal) }", facts))
        #expect(try !Fixture.fires("{ not: \(wants) }", facts))
        #expect(
            try Fixture.fires("{ not: { fact: visa.class, eq: F1 } }", facts), "not of a test on a missing fact is true"
        )
        #expect(try !Fixture.fires("{ not: { not: { fact: visa.class, eq: F1 } } }", facts))
    }

    /// `all` and `any` step over nested subtrees of several tests; these cases put a decisive
    /// child after a nested one, so a wrong step would read the wrong test.
    @Test func nestedCombinationsStepOverWholeSubtrees() throws {
        let facts = Fixture.facts([
            .leadSource: .string("s"), .visaClass: .string("F1"), .subjectPriorLeads: .number(3),
        ])
        let deepFalse =
            "{ all: [{ exists: lead.source }, { any: [{ missing: lead.source }, { fact: visa.class, eq: J1 }] }] }"
        let deepTrue =
            "{ any: [{ missing: visa.class }, { all: [{ exists: lead.source }, { fact: subject.prior_leads, ge: 3 }] }] }"
        #expect(try !Fixture.fires(deepFalse, facts))
        #expect(try Fixture.fires(deepTrue, facts))
        #expect(try Fixture.fires("{ any: [\(deepFalse), { fact: visa.class, eq: F1 }] }", facts))
        #expect(try !Fixture.fires("{ any: [\(deepFalse), { fact: visa.class, eq: J1 }] }", facts))
        #expect(try Fixture.fires("{ all: [\(deepTrue), { fact: visa.class, eq: F1 }] }", facts))
        #expect(try !Fixture.fires("{ all: [\(deepTrue), { fact: visa.class, eq: J1 }] }", facts))
        #expect(
            try Fixture.fires("{ all: [{ not: \(deepFalse) }, \(deepTrue), { exists: subject.prior_leads }] }", facts))
    }

    @Test func blockStyleConditionsReadLikeFlowStyle() throws {
        let rules = try Fixture.rules(
            """
            version: test
            tiers:
              - { name: P1, min_points: 1 }
            rules:
              - name: r
                when:
                  all:
                    - fact: visa.class
                      in: [F1, J1]
                    - not:
                        missing: address.us_last_seen
                points: 1
            """)
        #expect(
            rules.rules[0].condition
                == .all([
                    .compare(.visaClass, .in, .set(["F1", "J1"])), .not(.missing(.addressUSLastSeen)),
                ]))
    }
}
