import Foundation

/// The workflow part of one lead: everything the state machine needs to decide a command.
///
/// A value: the service loads it, applies a command with ``LeadStateMachine/apply(_:to:)``,
/// and stores the returned value with the transition in one database transaction, using
/// ``version`` for optimistic concurrency.
public struct LeadWorkflow: Sendable, Codable, Hashable {
    public var leadID: String
    /// The subject the lead is about; side effects about the person (stop updates, provider
    /// deletion) name it.
    public var subjectID: String
    public var state: LeadState
    /// Starts at 1 when the lead is created; every transition adds 1.
    public var version: Int
    /// When the lead entered ``state``: the start of its SLA clock. Unchanged by transitions
    /// that keep the state (a reassignment does not restart the workup clock).
    public var stateEnteredAt: Date
    /// The analyst who holds the lead: set in workup and while submitted or returned.
    public var assignee: String?
    /// Everyone who was the assignee during the current workup, and the submitter. None of
    /// them may review it. A workup starts when the lead is created or reopened; releasing
    /// it to the queue does not start a new one, so whoever worked on it before a release
    /// still may not review it.
    public var workupParticipants: Set<String>
    /// The analyst who last submitted the lead in the current workup.
    public var submittedBy: String?
    /// The last reviewer's decision, while the lead is in the state it led to.
    public var disposition: Disposition?
    /// Why the lead was closed, when it is.
    public var closureReason: ClosureReason?
    /// What changed when the lead was last reopened (field names), shown to the next analyst;
    /// cleared at the next disposition.
    public var changed: [String]

    public init(
        leadID: String, subjectID: String, state: LeadState, version: Int, stateEnteredAt: Date,
        assignee: String? = nil, workupParticipants: Set<String> = [], submittedBy: String? = nil,
        disposition: Disposition? = nil, closureReason: ClosureReason? = nil, changed: [String] = []
    ) {
        self.leadID = leadID
        self.subjectID = subjectID
        self.state = state
        self.version = version
        self.stateEnteredAt = stateEnteredAt
        self.assignee = assignee
        self.workupParticipants = workupParticipants
        self.submittedBy = submittedBy
        self.disposition = disposition
        self.closureReason = closureReason
        self.changed = changed
    }

    /// A new lead, queued at `queuedAt`, version 1.
    public static func new(leadID: String, subjectID: String, queuedAt: Date) -> LeadWorkflow {
        LeadWorkflow(leadID: leadID, subjectID: subjectID, state: .queued, version: 1, stateEnteredAt: queuedAt)
    }
}
