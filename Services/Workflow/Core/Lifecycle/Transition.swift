import Foundation

/// The record of one accepted command: who did what, as which role, when and why, from which
/// state to which. Appended to the lead's history and to the audit trail.
public struct Transition: Sendable, Codable, Hashable {
    public var from: LeadState
    public var to: LeadState
    public var command: CommandName
    /// The actor's identifier.
    public var actor: String
    /// The role the actor acted as (an account may hold several).
    public var role: WorkflowRole
    public var at: Date
    /// The actor's reason, trimmed; `nil` when none was given.
    public var reason: String?
    /// The reviewer's decision, for ``CommandName/approve``.
    public var disposition: Disposition?
    /// Why the lead was closed, when ``to`` is ``LeadState/closed``.
    public var closureReason: ClosureReason?
    /// What changed, for ``CommandName/reopen``.
    public var changed: [String]?
    /// The assignee before and after: before and after of the one field people fight over.
    public var previousAssignee: String?
    public var assignee: String?
    /// The lead's version after this transition.
    public var version: Int

    public init(
        from: LeadState, to: LeadState, command: CommandName, actor: String, role: WorkflowRole, at: Date,
        reason: String? = nil, disposition: Disposition? = nil, closureReason: ClosureReason? = nil,
        changed: [String]? = nil, previousAssignee: String? = nil, assignee: String? = nil, version: Int
    ) {
        self.from = from
        self.to = to
        self.command = command
        self.actor = actor
        self.role = role
        self.at = at
        self.reason = reason
        self.disposition = disposition
        self.closureReason = closureReason
        self.changed = changed
        self.previousAssignee = previousAssignee
        self.assignee = assignee
        self.version = version
    }
}

/// What an accepted command produces: the lead's new workflow state, the transition to record,
/// and the side effects the service must carry out (through its outbox, in the same database
/// transaction).
public struct WorkflowOutcome: Sendable, Codable, Hashable {
    public var lead: LeadWorkflow
    public var transition: Transition
    public var effects: [SideEffect]
}
