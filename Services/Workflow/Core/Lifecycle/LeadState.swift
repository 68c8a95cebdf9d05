/// Where a lead is in its lifecycle.
///
/// The raw values are stable identifiers stored in the database and sent in events: never
/// rename one, only add.
public enum LeadState: String, Sendable, Codable, Hashable, CaseIterable {
    /// Waiting in its tier and category queue for an analyst.
    case queued
    /// An analyst (the assignee) is researching it.
    case inWorkup
    /// Submitted by its analyst, waiting for a secondary reviewer.
    case submitted
    /// Sent back by a reviewer with a reason; waiting for its analyst to resume the workup.
    case returned
    /// Viable and referred to the responsible field office; case management owns it now.
    case referred
    /// Viable but held and monitored rather than referred.
    case held
    /// Non-viable for now; kept in the backlog and re-vetted when new information arrives.
    case pending
    /// Finally closed, with a ``ClosureReason``. Terminal: new information about the subject
    /// starts a new lead rather than reopening a closed one.
    case closed

    /// States whose time is measured against an SLA: the ones where the lead waits for a
    /// person in this system. Referred leads wait for case management, held and pending ones
    /// for new information, and closed ones for nothing, so they run no clock.
    public var isClocked: Bool {
        switch self {
        case .queued, .inWorkup, .submitted, .returned: true
        case .referred, .held, .pending, .closed: false
        }
    }

    /// No command leaves a terminal state.
    public var isTerminal: Bool { self == .closed }
}
