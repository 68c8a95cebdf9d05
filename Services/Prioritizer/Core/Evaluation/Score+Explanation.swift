/// A plain-text rendering of a score for analysts and supervisors:
///
///     P2, 245 points (rules 2025.06+8c3f0e2a91b4d7c5)
///       +200 open-wants-or-warrants [minimum tier P2; tags public-safety] risk.wants_warrants = true
///       +30 overstay-over-a-year [tags overstay] days_overstayed = 400
extension Score {
    public var explanation: String {
        var lines = ["\(priority), \(points) points (rules \(ruleSetVersion))"]
        if fired.isEmpty { lines.append("  no rule fired") }
        for rule in fired {
            var effects: [String] = []
            if let tier = rule.minimumTier { effects.append("minimum tier \(tier)") }
            if !rule.tags.isEmpty { effects.append("tags " + rule.tags.joined(separator: ", ")) }
            let sign = rule.points >= 0 ? "+" : ""
            let facts = rule.factsUsed.map { use in use.value.map { "\(use.fact) = \($0)" } ?? "\(use.fact) missing" }
            lines.append(
                "  \(sign)\(rule.points) \(rule.name)"
                    + (effects.isEmpty ? "" : " [" + effects.joined(separator: "; ") + "]")
                    + " " + facts.joined(separator: ", "))
        }
        return lines.joined(separator: "\n")
    }
}
