import Foundation
import Testing

@testable import PrioritizerCore

/// Scores are stored as JSON and carried in events; facts can be read from JSON by tools.
@Suite("JSON and equality")
struct CodableTests {
    func json<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    @Test func factValuesHaveOneTypedKey() throws {
        #expect(try json(FactValue.string("overstay")) == #"{"string":"overstay"}"#)
        #expect(try json(FactValue.number(400)) == #"{"number":400}"#)
        #expect(try json(FactValue.bool(true)) == #"{"bool":true}"#)
        #expect(try json(FactValue.date(Fixture.day(2024, 2, 29))) == #"{"date":"2024-02-29"}"#)
        #expect(try json(FactValue.date(Fixture.day(2024, 2, 29) + 3723)) == #"{"date":"2024-02-29T01:02:03Z"}"#)
        #expect(try json(FactValue.set(["b", "a"])) == #"{"set":["a","b"]}"#)
    }

    @Test func aMissingFactUsedIsAnExplicitNull() throws {
        #expect(try json(FactUse(fact: "visa.class", value: nil)) == #"{"fact":"visa.class","value":null}"#)
    }

    @Test func priorityIsATierNameOrBelowThreshold() throws {
        #expect(try json([Priority.tier("P1"), .belowThreshold]) == #"["P1","below-threshold"]"#)
    }

    @Test func scoresRoundTripThroughJSON() throws {
        let rules = try Fixture.defaultRules()
        let score = rules.evaluate(
            Fixture.person(
                "overstay",
                [
                    .visaAdmittedUntil: .date(Fixture.daysAgo(400)), .riskIndicators: .set(["x"]),
                    .riskWantsWarrants: .bool(true), .leadReceivedAt: .date(Fixture.day(2025, 5, 1) + 0.25),
                ]))
        #expect(!score.fired.isEmpty)
        let data = try JSONEncoder().encode(score)
        let decoded = try JSONDecoder().decode(Score.self, from: data)
        #expect(decoded == score)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains(#""priority":"P2""#))
        #expect(text.contains(#""ruleSetVersion":"\#(rules.version)""#))
    }

    @Test func equalFactsGiveEqualScoresAndChangedOnesDoNot() throws {
        let rules = try Fixture.defaultRules()
        let facts = Fixture.person("overstay", [.visaAdmittedUntil: .date(Fixture.daysAgo(400))])
        #expect(rules.evaluate(facts) == rules.evaluate(facts))
        var wanted = facts
        wanted[.riskWantsWarrants] = .bool(true)
        #expect(rules.evaluate(facts) != rules.evaluate(wanted))
    }

    @Test func aDayLaterTheScoreDiffersButTheOutcomeIsTheSame() throws {
        let rules = try Fixture.defaultRules()
        let today = Fixture.person("overstay", [.visaAdmittedUntil: .date(Fixture.daysAgo(400))])
        var tomorrow = today
        tomorrow.asOf = Fixture.asOf + 86_400
        let a = rules.evaluate(today)
        let b = rules.evaluate(tomorrow)
        #expect(a != b, "days_overstayed moved from 400 to 401")
        #expect(a.hasSameOutcome(as: b))
    }

    @Test func factsRoundTripThroughJSON() throws {
        let facts = Fixture.person(
            "fraud",
            [
                .visaAdmittedUntil: .date(Fixture.daysAgo(10)), .subjectPriorLeads: .number(2),
                .subjectCategories: .set(["a"]), .subjectProtected: .bool(false),
            ])
        let decoded = try JSONDecoder().decode(Facts.self, from: try JSONEncoder().encode(facts))
        #expect(decoded == facts)
        #expect(decoded[.daysOverstayed] == .number(10))
    }

    @Test func factsFromNamesAreChecked() throws {
        let asOf = Fixture.asOf
        #expect(throws: FactsError(fact: "visa.klass", problem: .unknownFact)) {
            try Facts(asOf: asOf, named: ["visa.klass": .string("F1")])
        }
        #expect(throws: FactsError(fact: "days_overstayed", problem: .derivedFact)) {
            try Facts(asOf: asOf, named: ["days_overstayed": .number(3)])
        }
        #expect(throws: FactsError(fact: "risk.wants_warrants", problem: .wrongType(expected: .bool, found: .string))) {
            try Facts(asOf: asOf, named: ["risk.wants_warrants": .string("yes")])
        }
        let facts = try Facts(asOf: asOf, named: ["visa.class": .string("F1")])
        #expect(facts[.visaClass] == .string("F1"))
        #expect(facts.named == ["visa.class": .string("F1")])
    }

    @Test func clearingAFactMakesItMissingAgain() throws {
        var facts = Fixture.facts([.riskWantsWarrants: .bool(true)])
        facts[.riskWantsWarrants] = nil
        #expect(facts == Fixture.facts())
        #expect(try Fixture.fires("{ missing: risk.wants_warrants }", facts))
    }
}
