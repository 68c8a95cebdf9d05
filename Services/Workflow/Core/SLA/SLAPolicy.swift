import Foundation

/// One SLA: how long a lead of a tier (and optionally of one category) may stay in a state.
public struct SLARule: Sendable, Codable, Hashable {
    public var state: LeadState
    public var tier: PriorityTier
    /// `nil` for every category; a category's own rule wins over it.
    public var category: String?
    public var duration: SLADuration

    public init(state: LeadState, tier: PriorityTier, category: String? = nil, duration: SLADuration) {
        self.state = state
        self.tier = tier
        self.category = category
        self.duration = duration
    }
}

/// A running SLA clock: when the lead entered its state and when it is due out of it.
public struct SLAClock: Sendable, Codable, Hashable {
    public var state: LeadState
    public var startedAt: Date
    public var due: Date

    public init(state: LeadState, startedAt: Date, due: Date) {
        self.state = state
        self.startedAt = startedAt
        self.due = due
    }

    /// Overdue once the whole allowed duration has elapsed: the allowed window is
    /// [`startedAt`, `due`), so at `due` exactly the lead is overdue.
    public func isOverdue(now: Date) -> Bool { now >= due }

    /// Time left before `due`; negative once overdue.
    public func remaining(now: Date) -> TimeInterval { due.timeIntervalSince(now) }
}

/// The SLA durations per state and queue (tier, optionally category).
///
/// Only clocked states (``LeadState/isClocked``) have SLAs. A state and tier without a rule
/// runs no clock: by default ``PriorityTier/belowThreshold`` leads, which wait for the weekly
/// extract rather than for an analyst.
public struct SLAPolicy: Sendable, Hashable {
    public let rules: [SLARule]
    private let byKey: [Key: SLADuration]

    private struct Key: Hashable {
        let state: LeadState
        let tier: PriorityTier
        let category: String?
    }

    /// A policy from rules, validated: each rule's state is clocked, each category is an
    /// identifier, and no state, tier and category appears twice.
    /// - Throws: ``WorkflowConfigurationError`` listing every problem.
    public init(rules: [SLARule]) throws(WorkflowConfigurationError) {
        var issues: [WorkflowConfigurationIssue] = []
        var byKey: [Key: SLADuration] = [:]
        for rule in rules {
            let path = SLAPolicy.keyPath(rule.state.rawValue, rule.tier.rawValue, category: rule.category)
            if !rule.state.isClocked {
                issues.append(
                    WorkflowConfigurationIssue(.unclockedState, at: path, "state \(rule.state.rawValue) runs no SLA clock"))
                continue
            }
            if let category = rule.category, !SLAPolicy.isCategoryName(category) {
                issues.append(
                    WorkflowConfigurationIssue(.invalidCategory, at: path, "a category is an identifier such as overstay"))
                continue
            }
            let key = Key(state: rule.state, tier: rule.tier, category: rule.category)
            if byKey[key] != nil {
                issues.append(
                    WorkflowConfigurationIssue(
                        .duplicateRule, at: path, "a rule for this state, tier and category already exists"))
                continue
            }
            byKey[key] = rule.duration
        }
        guard issues.isEmpty else { throw WorkflowConfigurationError(table: "sla", issues: issues) }
        self.rules = rules
        self.byKey = byKey
    }

    /// The allowed duration, the category's own rule first, then the tier's; `nil` when the
    /// state and tier run no clock.
    public func duration(state: LeadState, tier: PriorityTier, category: String? = nil) -> SLADuration? {
        if let category, let specific = byKey[Key(state: state, tier: tier, category: category)] { return specific }
        return byKey[Key(state: state, tier: tier, category: nil)]
    }

    /// When a lead that entered `state` at `enteredAt` is due out of it; `nil` when no clock runs.
    public func slaDue(state: LeadState, tier: PriorityTier, category: String? = nil, enteredAt: Date) -> Date? {
        duration(state: state, tier: tier, category: category).map { enteredAt.addingTimeInterval(TimeInterval($0.seconds)) }
    }

    /// The running clock of a lead that entered `state` at `enteredAt`; `nil` when no clock runs.
    public func clock(state: LeadState, tier: PriorityTier, category: String? = nil, enteredAt: Date) -> SLAClock? {
        slaDue(state: state, tier: tier, category: category, enteredAt: enteredAt).map {
            SLAClock(state: state, startedAt: enteredAt, due: $0)
        }
    }

    /// Whether the lead is overdue in its current state at `now` (never, without a clock).
    public func isOverdue(_ lead: LeadWorkflow, tier: PriorityTier, category: String? = nil, now: Date) -> Bool {
        clock(state: lead.state, tier: tier, category: category, enteredAt: lead.stateEnteredAt)?.isOverdue(now: now) ?? false
    }

    static func keyPath(_ state: String, _ tier: String, category: String?) -> String {
        category.map { "categories.\($0).\(state).\(tier)" } ?? "states.\(state).\(tier)"
    }

    static func isCategoryName(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, first.isASCIILetter, text.unicodeScalars.count <= 64 else { return false }
        return text.unicodeScalars.allSatisfy { $0.isASCIILetter || ("0"..."9").contains($0) }
    }
}

extension SLAPolicy {
    /// The default SLAs, in elapsed days from entering the state:
    ///
    /// | state     | P1  | P2  | P3  | belowThreshold |
    /// |-----------|-----|-----|-----|----------------|
    /// | queued    | 2d  | 5d  | 10d | none           |
    /// | inWorkup  | 10d | 20d | 30d | none           |
    /// | returned  | 2d  | 5d  | 10d | none           |
    /// | submitted | 2d  | 5d  | 10d | none           |
    ///
    /// Why these: a national-security lead should be picked up within two working days and
    /// worked up within two weeks; public-safety and other leads get proportionally longer.
    /// A returned lead and a submitted one wait for one person's short action (resuming,
    /// reviewing), so they get the queue's budget rather than the workup's. Below-threshold
    /// leads are not worked here. These are starting points for operations to tune in the
    /// YAML, not policy.
    public static let `default`: SLAPolicy = {
        let budgets: [(LeadState, [PriorityTier: Int])] = [
            (.queued, [.p1: 2, .p2: 5, .p3: 10]),
            (.inWorkup, [.p1: 10, .p2: 20, .p3: 30]),
            (.returned, [.p1: 2, .p2: 5, .p3: 10]),
            (.submitted, [.p1: 2, .p2: 5, .p3: 10]),
        ]
        let rules = budgets.flatMap { state, days in
            PriorityTier.allCases.compactMap { tier in
                days[tier].map { SLARule(state: state, tier: tier, duration: .days($0)) }
            }
        }
        return try! SLAPolicy(rules: rules)
    }()
}
