import Foundation

/// A queued lead as take-next sees it: nothing about the subject, only what orders the work.
public struct QueueCandidate: Sendable, Codable, Hashable {
    public var leadID: String
    public var tier: PriorityTier
    /// The lead category's stable identifier (see ``QueueName/category``).
    public var category: String
    /// When the lead entered the queue (its latest ``LeadWorkflow/stateEnteredAt`` as queued).
    public var queuedAt: Date

    public init(leadID: String, tier: PriorityTier, category: String, queuedAt: Date) {
        self.leadID = leadID
        self.tier = tier
        self.category = category
        self.queuedAt = queuedAt
    }

    public var queue: QueueName { QueueName(tier: tier, category: category) }
}

/// Take-next ordering: the order analysts are handed queued leads in.
public enum TakeNext {
    /// Whether `a` is taken before `b`: higher tier first, then the one waiting longest, then
    /// by lead identifier so that the order is total and two analysts' views agree.
    ///
    /// Category does not order: within a tier, waiting time decides. Analysts are pointed at
    /// categories by choosing queues, not by a global category rank.
    public static func takenBefore(_ a: QueueCandidate, _ b: QueueCandidate) -> Bool {
        if a.tier != b.tier { return a.tier < b.tier }
        if a.queuedAt != b.queuedAt { return a.queuedAt < b.queuedAt }
        return a.leadID < b.leadID
    }

    /// The candidates in take-next order.
    public static func ordered(_ candidates: [QueueCandidate]) -> [QueueCandidate] {
        candidates.sorted(by: takenBefore)
    }

    /// The lead an analyst should take next.
    /// - Parameters:
    ///   - candidates: queued leads, in any order.
    ///   - queues: the queues the analyst works; `nil` for every queue.
    ///   - tiers: the tiers that are worked; by default not ``PriorityTier/belowThreshold``,
    ///     whose leads wait for the weekly extract instead.
    /// - Returns: the first candidate in take-next order among those allowed, or `nil`.
    public static func next(
        from candidates: [QueueCandidate], queues: Set<QueueName>? = nil, tiers: Set<PriorityTier> = PriorityTier.worked
    ) -> QueueCandidate? {
        candidates
            .filter { tiers.contains($0.tier) && (queues?.contains($0.queue) ?? true) }
            .min(by: takenBefore)
    }
}
