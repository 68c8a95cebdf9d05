/// What-if comparison of two rule sets over the same leads, before a new rule set goes live.
public enum RuleSetDiff {
    /// Scores every lead under both rule sets and counts what changes.
    ///
    /// Uses the allocation-free ``RuleSet/outcome(_:)`` for every lead, and the full
    /// ``RuleSet/evaluate(_:)`` only for the examples kept.
    /// - Parameters:
    ///   - old: the rule set in force.
    ///   - new: the candidate.
    ///   - leads: an identifier (for the examples) and the facts of each lead.
    ///   - exampleLimit: at most this many examples are kept for each from → to transition, the
    ///     first ones met in `leads`.
    public static func compute(
        old: RuleSet, new: RuleSet, over leads: some Sequence<(id: String, facts: Facts)>, exampleLimit: Int = 5
    ) -> DiffReport {
        var total = 0
        var changedScoreOnly = 0
        // counts[oldRank][newRank]
        var counts = Array(repeating: Array(repeating: 0, count: new.tiers.count + 1), count: old.tiers.count + 1)
        var examples: [(oldRank: Int, newRank: Int, position: Int, example: DiffReport.Example)] = []
        for lead in leads {
            total += 1
            let before = old.pointsAndRank(lead.facts)
            let after = new.pointsAndRank(lead.facts)
            counts[before.rank][after.rank] += 1
            let tierChanged = old.priorities[before.rank] != new.priorities[after.rank]
            if !tierChanged {
                if before.points != after.points { changedScoreOnly += 1 }
            } else if counts[before.rank][after.rank] <= exampleLimit {
                let example = DiffReport.Example(
                    id: lead.id, old: old.evaluate(lead.facts), new: new.evaluate(lead.facts))
                examples.append((before.rank, after.rank, total, example))
            }
        }
        var transitions: [DiffReport.Transition] = []
        var changedTier = 0
        for (oldRank, row) in counts.enumerated() {
            for (newRank, count) in row.enumerated() where count > 0 {
                let from = old.priorities[oldRank]
                let to = new.priorities[newRank]
                guard from != to else { continue }
                transitions.append(.init(from: from, to: to, count: count))
                changedTier += count
            }
        }
        return DiffReport(
            oldVersion: old.version, newVersion: new.version, total: total, changedTier: changedTier,
            changedScoreOnly: changedScoreOnly, transitions: transitions,
            examples: examples.sorted { ($0.oldRank, $0.newRank, $0.position) < ($1.oldRank, $1.newRank, $1.position) }
                .map(\.example))
    }
}

/// The result of ``RuleSetDiff/compute(old:new:over:exampleLimit:)``.
public struct DiffReport: Sendable, Hashable, Codable {
    /// `count` leads were in `from` under the old rule set and are in `to` under the new one.
    public struct Transition: Sendable, Hashable, Codable {
        public var from: Priority
        public var to: Priority
        public var count: Int

        public init(from: Priority, to: Priority, count: Int) {
            self.from = from
            self.to = to
            self.count = count
        }
    }

    /// One lead whose priority changes, scored and explained under both rule sets.
    public struct Example: Sendable, Hashable, Codable {
        public var id: String
        public var old: Score
        public var new: Score
    }

    public var oldVersion: String
    public var newVersion: String
    /// Leads compared.
    public var total: Int
    /// Leads whose priority (tier or below-threshold) changes.
    public var changedTier: Int
    /// Leads whose points change but whose priority does not.
    public var changedScoreOnly: Int
    /// Priority changes only (from ≠ to), ordered by the old rule set's tiers, then the new's.
    public var transitions: [Transition]
    /// Up to the example limit per transition, in transition then input order.
    public var examples: [Example]

    /// Leads with neither a priority nor a points change.
    public var unchanged: Int { total - changedTier - changedScoreOnly }

    /// How many leads moved from one priority to another (0 when none did, or when from == to).
    public func count(from: Priority, to: Priority) -> Int {
        transitions.first { $0.from == from && $0.to == to }?.count ?? 0
    }
}
