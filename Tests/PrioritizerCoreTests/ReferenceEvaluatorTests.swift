import Foundation
import Testing

@testable import PrioritizerCore

/// The compiled evaluator against a plain interpreter of the documented semantics, over
/// random conditions (written out as YAML and parsed back) and random facts.
@Suite("Compiled evaluation matches the reference semantics")
struct ReferenceEvaluatorTests {
    /// SplitMix64: deterministic, so a failure reproduces.
    struct Random {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func int(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
        mutating func pick<T>(_ items: [T]) -> T { items[int(items.count)] }
        mutating func chance(_ percent: Int) -> Bool { int(100) < percent }
    }

    /// The documented semantics, written as directly as possible.
    static func reference(_ condition: Condition, _ facts: Facts) -> Bool {
        switch condition {
        case .all(let children): return children.allSatisfy { reference($0, facts) }
        case .any(let children): return children.contains { reference($0, facts) }
        case .not(let child): return !reference(child, facts)
        case .exists(let field): return facts[field] != nil
        case .missing(let field): return facts[field] == nil
        case .compare(let field, let op, let operand):
            guard let value = facts[field] else { return false }
            let day = 86_400.0
            switch (op, value, operand) {
            case (.eq, _, _): return value == operand
            case (.ne, _, _): return value != operand
            case (.in, .string(let s), .set(let xs)): return xs.contains(s)
            case (.notIn, .string(let s), .set(let xs)): return !xs.contains(s)
            case (.gt, .number(let a), .number(let b)): return a > b
            case (.ge, .number(let a), .number(let b)): return a >= b
            case (.lt, .number(let a), .number(let b)): return a < b
            case (.le, .number(let a), .number(let b)): return a <= b
            case (.gt, .date(let a), .date(let b)): return a > b
            case (.ge, .date(let a), .date(let b)): return a >= b
            case (.lt, .date(let a), .date(let b)): return a < b
            case (.le, .date(let a), .date(let b)): return a <= b
            case (.withinDays, .date(let d), .number(let n)): return d >= facts.asOf.addingTimeInterval(-n * day)
            case (.olderThanDays, .date(let d), .number(let n)): return d < facts.asOf.addingTimeInterval(-n * day)
            case (.contains, .set(let members), .string(let x)): return members.contains(x)
            case (.containsAny, .set(let members), .set(let xs)): return !members.isDisjoint(with: xs)
            default:
                Issue.record("reference has no case for \(op) on \(value)")
                return false
            }
        }
    }

    static let categories = ["overstay", "fraud", "wantedNotice"]
    static let classes = ["F1", "J1", "B2"]
    static let codes = ["A", "B", "C"]
    static let dates = [
        Fixture.daysAgo(400), Fixture.daysAgo(180), Fixture.daysAgo(181), Fixture.daysAgo(0), Fixture.daysAgo(-5),
    ]

    static func randomTest(_ random: inout Random) -> Condition {
        switch random.int(9) {
        case 0:
            let op = random.pick([ComparisonOperator.eq, .ne, .in, .notIn])
            return op == .eq || op == .ne
                ? .compare(.leadCategory, op, .string(random.pick(categories)))
                : .compare(.leadCategory, op, .set(Set([random.pick(categories), random.pick(categories)])))
        case 1:
            let op = random.pick([ComparisonOperator.eq, .ne, .in, .notIn])
            return op == .eq || op == .ne
                ? .compare(.visaClass, op, .string(random.pick(classes)))
                : .compare(.visaClass, op, .set(Set([random.pick(classes), random.pick(classes)])))
        case 2:
            return .compare(
                .subjectPriorLeads, random.pick([.eq, .ne, .gt, .ge, .lt, .le]), .number(Double(random.int(4))))
        case 3:
            return .compare(
                .daysOverstayed, random.pick([.eq, .ne, .gt, .ge, .lt, .le]), .number(random.pick([1, 180, 400])))
        case 4:
            return .compare(.riskWantsWarrants, random.pick([.eq, .ne]), .bool(random.chance(50)))
        case 5:
            return .compare(.addressUSLastSeen, random.pick([.eq, .ne, .gt, .ge, .lt, .le]), .date(random.pick(dates)))
        case 6:
            return .compare(
                .addressUSLastSeen, random.pick([.withinDays, .olderThanDays]), .number(random.pick([0, 180])))
        case 7:
            return random.chance(50)
                ? .compare(.riskIndicators, .contains, .string(random.pick(codes)))
                : .compare(.riskIndicators, .containsAny, .set(Set([random.pick(codes), random.pick(codes)])))
        default:
            let field = random.pick([FactField.visaClass, .riskIndicators, .daysOverstayed, .leadCategory])
            return random.chance(50) ? .exists(field) : .missing(field)
        }
    }

    static func randomCondition(_ random: inout Random, depth: Int) -> Condition {
        guard depth < 4, random.chance(45) else { return randomTest(&random) }
        switch random.int(3) {
        case 0: return .all((0...random.int(3)).map { _ in randomCondition(&random, depth: depth + 1) })
        case 1: return .any((0...random.int(3)).map { _ in randomCondition(&random, depth: depth + 1) })
        default: return .not(randomCondition(&random, depth: depth + 1))
        }
    }

    static func randomFacts(_ random: inout Random) -> Facts {
        var facts = Facts(asOf: Fixture.asOf)
        if random.chance(80) { facts[.leadCategory] = .string(random.pick(categories + ["statusViolation"])) }
        if random.chance(70) { facts[.visaClass] = .string(random.pick(classes + ["M1"])) }
        if random.chance(70) { facts[.subjectPriorLeads] = .number(Double(random.int(4))) }
        if random.chance(70) {
            facts[.visaAdmittedUntil] = .date(Fixture.daysAgo(random.pick([-3, 0, 1, 180, 400, 500])))
        }
        if random.chance(70) { facts[.riskWantsWarrants] = .bool(random.chance(50)) }
        if random.chance(70) { facts[.addressUSLastSeen] = .date(random.pick(dates)) }
        if random.chance(70) { facts[.riskIndicators] = .set(Set(codes.filter { _ in random.chance(40) })) }
        return facts
    }

    /// YAML flow syntax for a condition.
    static func yaml(_ condition: Condition) -> String {
        switch condition {
        case .all(let children): "{ all: [" + children.map(yaml).joined(separator: ", ") + "] }"
        case .any(let children): "{ any: [" + children.map(yaml).joined(separator: ", ") + "] }"
        case .not(let child): "{ not: \(yaml(child)) }"
        case .exists(let field): "{ exists: \(field.rawValue) }"
        case .missing(let field): "{ missing: \(field.rawValue) }"
        case .compare(let field, let op, let operand): "{ fact: \(field.rawValue), \(op.rawValue): \(yaml(operand)) }"
        }
    }

    static func yaml(_ value: FactValue) -> String {
        switch value {
        case .string(let text): "\"\(text)\""
        case .number(let number): String(Int(number))
        case .bool(let flag): flag ? "true" : "false"
        case .date(let date): CivilDate.format(date)
        case .set(let members): "[" + members.sorted().map { "\"\($0)\"" }.joined(separator: ", ") + "]"
        }
    }

    @Test(arguments: [1, 2, 3, 4, 5, 6, 7, 8] as [UInt64])
    func compiledRulesAgreeWithTheReference(seed: UInt64) throws {
        var random = Random(state: seed)
        let conditions = (0..<25).map { _ in Self.randomCondition(&random, depth: 0) }
        var text = "version: random\ntiers:\n  - { name: P1, min_points: 1 }\nrules:\n"
        for (index, condition) in conditions.enumerated() {
            text += "  - name: r\(index)\n    when: \(Self.yaml(condition))\n    points: 1\n"
        }
        let rules = try Fixture.rules(text)
        #expect(rules.rules.map(\.condition) == conditions, "the parser reads back what was written")
        var firedSomething = 0
        var skippedSomething = 0
        for _ in 0..<80 {
            let facts = Self.randomFacts(&random)
            let expected = conditions.indices.filter { Self.reference(conditions[$0], facts) }.map { "r\($0)" }
            let score = rules.evaluate(facts)
            #expect(score.fired.map(\.name) == expected)
            #expect(rules.outcome(facts).points == expected.count)
            firedSomething += expected.count
            skippedSomething += conditions.count - expected.count
        }
        #expect(firedSomething > 0 && skippedSomething > 0, "the random cases exercise both outcomes")
    }
}
