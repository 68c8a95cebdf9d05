import Foundation
import PrioritizerCore
import Testing

@testable import PrioritizerService

/// How scores, facts and the default rules are stored.
@Suite("Storage shape")
struct StorageShapeTests {
    static let repositoryRoot: URL = {
        var root = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { root.deleteLastPathComponent() }
        return root
    }()

    @Test func compiledInDefaultIsTheRepositoryFile() throws {
        let file = try String(contentsOf: Self.repositoryRoot.appendingPathComponent("deploy/rules/default.yaml"), encoding: .utf8)
        #expect(DefaultRules.yaml + "\n" == file, "copy deploy/rules/default.yaml into DefaultRules.swift")
    }

    @Test func everyStoredFactHasAColumnInTheMigrations() {
        let sql = PrioritizerSchema.migrations.map(\.sql).joined(separator: "\n")
        for field in FactColumns.fields {
            #expect(sql.contains("    \(FactColumns.column(field)) "), "no column for \(field.rawValue)")
        }
        #expect(!FactColumns.fields.contains(.daysOverstayed))
    }

    @Test func handWrittenScoreJSONDecodesToTheSameScore() throws {
        let rules = try RuleSet.parse(yaml: DefaultRules.yaml, file: DefaultRules.fileName)
        let asOf = Date(timeIntervalSince1970: 1_748_736_000)
        var facts = Facts(asOf: asOf)
        facts[.leadKind] = .string("person")
        facts[.leadCategory] = .string("overstay")
        facts[.riskWantsWarrants] = .bool(true)
        facts[.riskIndicators] = .set(["wantsAndWarrants", "a \"quoted\"\\name\n"])
        facts[.visaAdmittedUntil] = .date(asOf.addingTimeInterval(-400 * 86_400))
        facts[.addressUSLastSeen] = .date(asOf.addingTimeInterval(-30 * 86_400 + 3_723.5))
        facts[.subjectPriorLeads] = .number(3)
        let score = rules.evaluate(facts)
        #expect(score.fired.count >= 5)
        let text = ScoreJSON.encode(score)
        #expect(try ScoreJSON.decode(text) == score)
        let foundation = try JSONDecoder().decode(Score.self, from: try JSONEncoder().encode(score))
        #expect(try ScoreJSON.decode(text) == foundation)
        // Same key order as JSONEncoder with sorted keys.
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        #expect(text == String(decoding: try encoder.encode(score), as: UTF8.self))
    }

    @Test func scoreJSONEscapesStrings() throws {
        let score = Score(
            ruleSetVersion: "v+1", points: -5, priority: .belowThreshold, tags: ["tab\there", "ctl\u{01}"],
            fired: [FiredRule(name: "r", points: -5, factsUsed: [FactUse(fact: "lead.source", value: .string("a\"b\\c")), FactUse(fact: "x", value: nil)])])
        #expect(try ScoreJSON.decode(ScoreJSON.encode(score)) == score)
    }
}
