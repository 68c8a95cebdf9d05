import Foundation
import Testing

@testable import PrioritizerCore

/// Small builders so that each test reads as its input and its expectation.
enum Fixture {
    /// The evaluation date used throughout: 2025-06-01T00:00:00Z.
    static let asOf = day(2025, 6, 1)

    /// Midnight UTC of a calendar day, computed with Foundation (independently of the module's
    /// own date arithmetic).
    static func day(_ year: Int, _ month: Int, _ day: Int) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar.date(from: DateComponents(year: year, month: month, day: day))!
    }

    /// `days` whole days before ``asOf`` (negative: after).
    static func daysAgo(_ days: Int) -> Date { asOf.addingTimeInterval(-Double(days) * 86_400) }

    static func facts(_ values: [FactField: FactValue] = [:], asOf: Date = Fixture.asOf) -> Facts {
        Facts(asOf: asOf, values)
    }

    /// A person lead of the given category with the given extra facts.
    static func person(_ category: String = "overstay", _ values: [FactField: FactValue] = [:]) -> Facts {
        var all: [FactField: FactValue] = [.leadKind: .string("person"), .leadCategory: .string(category)]
        all.merge(values) { $1 }
        return facts(all)
    }

    /// Parses YAML that is expected to be valid.
    static func rules(_ yaml: String, file: String = "test.yaml") throws -> RuleSet {
        do { return try RuleSet.parse(yaml: yaml, file: file) } catch {
            Issue.record("unexpected problems:\n\(error.description)")
            throw error
        }
    }

    /// The problems of YAML that is expected to be invalid (empty if it parses).
    static func problems(_ yaml: String, file: String = "test.yaml") -> [RuleProblem] {
        do {
            _ = try RuleSet.parse(yaml: yaml, file: file)
            return []
        } catch {
            return error.problems
        }
    }

    /// A rule set with one tier and a single rule `r` whose condition is `when` (YAML flow or
    /// block text that fits after `when: `).
    static func single(when: String) throws -> RuleSet {
        try rules(
            """
            version: test
            tiers:
              - { name: P1, min_points: 1 }
            rules:
              - name: r
                when: \(when)
                points: 1
            """)
    }

    /// Whether the single rule with condition `when` fires for `facts`.
    static func fires(_ when: String, _ facts: Facts) throws -> Bool {
        let score = try single(when: when).evaluate(facts)
        return score.fired.map(\.name) == ["r"]
    }

    /// The shipped rule set, `deploy/rules/default.yaml`.
    static func defaultRules() throws -> RuleSet {
        var root = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { root.deleteLastPathComponent() }
        for candidate in ["deploy/rules/default.yaml"] {
            let url = root.appendingPathComponent(candidate)
            if let data = FileManager.default.contents(atPath: url.path) {
                return try rules(String(decoding: data, as: UTF8.self), file: candidate)
            }
        }
        Issue.record("default.yaml not found under \(root.path)")
        throw CancellationError()
    }
}
