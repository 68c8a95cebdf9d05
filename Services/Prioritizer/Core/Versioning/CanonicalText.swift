import Foundation

/// The normalised text of a rule set, which its content hash is taken over.
///
/// It keeps what decides scores and explanations and nothing else:
/// - tiers in order, with their `min_points`;
/// - rules sorted by name (rule order in the file has no effect), each with its condition,
///   points, minimum tier and sorted tags;
/// - operands normalised: lists sorted and deduplicated, whole numbers without a fraction,
///   dates as `YYYY-MM-DD` or UTC timestamps, strings quoted with JSON escapes.
///
/// Left out: comments, layout, key order, quoting style, descriptions and the declared version
/// string. So reformatting a file or rewording a description keeps the hash; changing a
/// threshold, a point, a condition or a rule name changes it.
enum CanonicalText {
    static func of(tiers: [Tier], rules: [Rule]) -> String {
        var lines = ["leadtrac-rules 1"]
        for tier in tiers { lines.append("tier \(quoted(tier.name)) \(tier.minPoints)") }
        for rule in rules.sorted(by: { $0.name < $1.name }) {
            var line = "rule \(quoted(rule.name)) points \(rule.points)"
            if let tier = rule.minimumTier { line += " minimum_tier \(quoted(tier))" }
            if !rule.tags.isEmpty { line += " tags [" + rule.tags.map(quoted).joined(separator: ", ") + "]" }
            line += " when " + render(rule.condition)
            lines.append(line)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A condition as a nested call expression: `all(eq(risk.wants_warrants, true), missing(visa.class))`.
    static func render(_ condition: Condition) -> String {
        switch condition {
        case .all(let children): "all(" + children.map(render).joined(separator: ", ") + ")"
        case .any(let children): "any(" + children.map(render).joined(separator: ", ") + ")"
        case .not(let child): "not(" + render(child) + ")"
        case .exists(let field): "exists(\(field.rawValue))"
        case .missing(let field): "missing(\(field.rawValue))"
        case .compare(let field, let op, let operand): "\(op.rawValue)(\(field.rawValue), \(operand))"
        }
    }

    static func number(_ value: Double) -> String {
        if value.rounded() == value && abs(value) < 9.007_199_254_740_992e15 { return String(Int64(value)) }
        return "\(value)"
    }

    /// JSON string syntax.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
