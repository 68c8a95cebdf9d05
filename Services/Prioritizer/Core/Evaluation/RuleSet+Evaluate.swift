/// Scoring. Every rule is tested against the facts independently; the points of those that
/// fire are added up; the priority is the higher of the tier the points reach and the highest
/// minimum tier of a fired rule.
extension RuleSet {
    /// Scores a lead and explains the score.
    public func evaluate(_ facts: Facts) -> Score {
        var points = 0
        var minimumRank = Int.max
        var fired: [FiredRule] = []
        var tags: [String] = []
        for index in firingRules(facts) {
            let rule = compiled[index]
            let source = rules[index]
            points += rule.points
            minimumRank = min(minimumRank, rule.minimumRank)
            tags += source.tags
            fired.append(
                FiredRule(
                    name: source.name, points: source.points, minimumTier: source.minimumTier, tags: source.tags,
                    factsUsed: factsUsed[index].map { FactUse(fact: $0.rawValue, value: facts[$0]) }))
        }
        if tags.count > 1 {
            tags.sort()
            tags = tags.enumerated().filter { $0.offset == 0 || tags[$0.offset - 1] != $0.element }.map(\.element)
        }
        return Score(
            ruleSetVersion: version, points: points,
            priority: priorities[rank(points: points, minimumRank: minimumRank)],
            tags: tags, fired: fired)
    }

    /// Points and priority only, without building an explanation: the same result as
    /// ``evaluate(_:)`` at a fraction of the cost, for what-if runs over many leads.
    public func outcome(_ facts: Facts) -> Outcome {
        let (points, rank) = pointsAndRank(facts)
        return Outcome(points: points, priority: priorities[rank])
    }

    func pointsAndRank(_ facts: Facts) -> (points: Int, rank: Int) {
        let (points, minimumRank) = Machine.with(program, facts) { machine in
            compiled.withUnsafeBufferPointer { rules in
                var points = 0
                var minimumRank = Int.max
                for rule in rules where machine.holds(rule.root) {
                    points += rule.points
                    minimumRank = min(minimumRank, rule.minimumRank)
                }
                return (points, minimumRank)
            }
        }
        return (points, rank(points: points, minimumRank: minimumRank))
    }

    /// Indices of the rules that fire, in file order.
    private func firingRules(_ facts: Facts) -> [Int] {
        Machine.with(program, facts) { machine in
            compiled.withUnsafeBufferPointer { rules in rules.indices.filter { machine.holds(rules[$0].root) } }
        }
    }

    /// The rank of the first tier whose `min_points` the points reach (below threshold when
    /// none), raised to the best minimum tier.
    private func rank(points: Int, minimumRank: Int) -> Int {
        var byPoints = tiers.count
        for (index, tier) in tiers.enumerated() where points >= tier.minPoints {
            byPoints = index
            break
        }
        return min(byPoints, minimumRank)
    }
}
