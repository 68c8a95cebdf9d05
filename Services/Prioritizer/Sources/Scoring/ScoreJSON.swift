import Foundation
import LeadTracContracts
import PrioritizerCore

/// A score as stored (`scores.score`) and announced.
///
/// ``encode(_:)`` writes the same JSON document `JSONEncoder` writes for PrioritizerCore's
/// `Score` (keys sorted), by hand: activation stores a score for every open lead, and at a
/// million leads Foundation's encoder alone would take most of the time budget. A unit test
/// checks that the text decodes back to the same score.
public enum ScoreJSON {
    public static func encode(_ score: Score) -> String {
        var out = "{\"fired\":["
        for (index, rule) in score.fired.enumerated() {
            if index > 0 { out += "," }
            out += "{\"factsUsed\":["
            for (factIndex, use) in rule.factsUsed.enumerated() {
                if factIndex > 0 { out += "," }
                out += "{\"fact\":"
                JSONText.appendString(use.fact, to: &out)
                out += ",\"value\":"
                appendValue(use.value, to: &out)
                out += "}"
            }
            out += "]"
            if let tier = rule.minimumTier {
                out += ",\"minimumTier\":"
                JSONText.appendString(tier, to: &out)
            }
            out += ",\"name\":"
            JSONText.appendString(rule.name, to: &out)
            out += ",\"points\":\(rule.points),\"tags\":"
            JSONText.appendStrings(rule.tags, to: &out)
            out += "}"
        }
        out += "],\"points\":\(score.points),\"priority\":"
        JSONText.appendString(score.priority.description, to: &out)
        out += ",\"ruleSetVersion\":"
        JSONText.appendString(score.ruleSetVersion, to: &out)
        out += ",\"tags\":"
        JSONText.appendStrings(score.tags, to: &out)
        out += "}"
        return out
    }

    public static func decode(_ text: String) throws -> Score {
        try JSONDecoder().decode(Score.self, from: Data(text.utf8))
    }

    private static func appendValue(_ value: FactValue?, to out: inout String) {
        switch value {
        case nil: out += "null"
        case .string(let text)?:
            out += "{\"string\":"
            JSONText.appendString(text, to: &out)
            out += "}"
        case .number(let number)?:
            out += "{\"number\":"
            out += number == number.rounded() && abs(number) < 1e15 ? String(Int64(number)) : "\(number)"
            out += "}"
        case .bool(let flag)?: out += flag ? "{\"bool\":true}" : "{\"bool\":false}"
        case .date?:
            // FactValue renders dates as `YYYY-MM-DD` or a UTC timestamp, both JSON-safe.
            out += "{\"date\":\"\(value!.description)\"}"
        case .set(let members)?:
            out += "{\"set\":"
            JSONText.appendStrings(members.sorted(), to: &out)
            out += "}"
        }
    }

    /// The `lead.prioritized.v1` rendering of a score's fired rules (fact values as the rule
    /// language writes them).
    public static func firedRules(_ score: Score) -> [LeadPrioritized.FiredRule] {
        score.fired.map { rule in
            LeadPrioritized.FiredRule(
                name: rule.name, points: rule.points, minimumTier: rule.minimumTier, tags: rule.tags,
                factsUsed: rule.factsUsed.map { .init(fact: $0.fact, value: $0.value?.description) })
        }
    }
}
