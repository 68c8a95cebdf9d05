import Foundation

/// What someone asks to do to a lead, with the command's own data.
///
/// Who asks, when, why and against which version travel in ``CommandRequest``.
public enum WorkflowCommand: Sendable, Codable, Hashable {
    /// An analyst takes a queued lead (usually the one take-next chose) and becomes its assignee.
    case take
    /// A supervisor assigns a queued lead, or reassigns one in workup or returned, to an analyst.
    /// The assignee's roles come with it so that the guard can check them without I/O.
    case assign(to: Requester)
    /// The assignee (or a supervisor) puts a lead back in the queue.
    case release
    /// The assignee submits the workup for secondary review.
    case submit
    /// A reviewer sends the lead back to its analyst; needs a reason.
    case `return`
    /// The assignee resumes a returned lead.
    case resume
    /// A reviewer approves the workup with a disposition.
    case approve(Disposition)
    /// Case management reported the referred case closed (service role).
    case caseClosed
    /// New information arrived about a pending or held lead: back to the queue, flagged with
    /// what changed (field names such as `departure` or `address`, never values).
    case reopen(changed: [String])
    /// A supervisor closes a lead outside review; only for ``ClosureReason/administrative`` reasons.
    case close(ClosureReason)

    /// The command without its data, for tables, errors and the stored transition.
    public var name: CommandName {
        switch self {
        case .take: .take
        case .assign: .assign
        case .release: .release
        case .submit: .submit
        case .return: .return
        case .resume: .resume
        case .approve: .approve
        case .caseClosed: .caseClosed
        case .reopen: .reopen
        case .close: .close
        }
    }
}

/// A ``WorkflowCommand``'s name. The raw values are stable: stored, logged and used in URLs.
public enum CommandName: String, Sendable, Codable, Hashable, CaseIterable {
    case take, assign, release, submit
    case `return`
    case resume, approve, caseClosed, reopen, close
}

/// One request to change a lead: the command and everything the guard and the record need.
public struct CommandRequest: Sendable, Codable, Hashable {
    public var command: WorkflowCommand
    public var actor: Requester
    /// The ``LeadWorkflow/version`` the client last read; a different current version means
    /// someone else changed the lead in between (``WorkflowError/Code/versionConflict``, HTTP 412).
    public var expectedVersion: Int
    /// When the command is applied. Passed in, never read from a clock, so the logic stays pure.
    public var at: Date
    /// Why, in the actor's words. Required by some commands (see ``CommandRules``); stored in
    /// the transition, never put into errors or logs.
    public var reason: String?

    public init(_ command: WorkflowCommand, by actor: Requester, expectedVersion: Int, at: Date, reason: String? = nil) {
        self.command = command
        self.actor = actor
        self.expectedVersion = expectedVersion
        self.at = at
        self.reason = reason
    }
}
