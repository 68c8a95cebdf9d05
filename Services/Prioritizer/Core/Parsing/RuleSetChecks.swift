/// Checks that need the whole file: names unique, tiers in order, minimum tiers declared, and
/// every tier reachable.
extension RuleFileReader {
    mutating func checkWholeSet(_ document: Document) {
        currentRule = nil
        var tierLines: [String: Int] = [:]
        var previous: Tier?
        for (tier, nameNode, pointsNode) in document.tiers {
            if let line = tierLines[tier.name] {
                report(.duplicateTierName, at: nameNode, "tier \(tier.name) is already declared on line \(line)")
                continue
            }
            tierLines[tier.name] = nameNode.mark?.line ?? 0
            if let previous, tier.minPoints >= previous.minPoints {
                report(
                    .tierOrder, at: pointsNode ?? nameNode,
                    "tiers go highest first: \(tier.name) needs fewer min_points than \(previous.name) (\(previous.minPoints))"
                )
            }
            previous = tier
        }

        var ruleLines: [String: Int] = [:]
        for entry in document.rules {
            currentRule = entry.name
            if let name = entry.name {
                if let line = ruleLines[name] {
                    report(
                        .duplicateRuleName, line: entry.nameNode?.mark?.line ?? entry.line,
                        column: entry.nameNode?.mark?.column, "another rule on line \(line) has this name")
                } else {
                    ruleLines[name] = entry.line
                }
            }
            if let tier = entry.minimumTier, tierLines[tier] == nil {
                let hint =
                    Spelling.closest(to: tier, among: Array(tierLines.keys).sorted()).map { "; did you mean \($0)?" }
                    ?? ""
                report(
                    .unknownTier, line: entry.minimumTierNode?.mark?.line ?? entry.line,
                    column: entry.minimumTierNode?.mark?.column, "minimum_tier \(tier) is not a declared tier\(hint)")
            }
        }
        currentRule = nil

        // Reachability is judged only when every rule was read, so a broken rule cannot make a
        // tier look unreachable.
        guard document.rulesComplete else { return }
        let positive = document.rules.reduce(0) { $0 + max(0, $1.points) }
        let named = Set(document.rules.compactMap(\.minimumTier))
        for (tier, nameNode, _) in document.tiers where tier.minPoints > positive && !named.contains(tier.name) {
            report(
                .unreachableTier, at: nameNode,
                "no lead can reach tier \(tier.name): it needs \(tier.minPoints) points, all rules together give at most \(positive), and no rule sets it as minimum_tier"
            )
        }
    }
}
