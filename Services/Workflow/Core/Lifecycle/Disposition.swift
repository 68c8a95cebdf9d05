/// Why a lead was closed. Stored with the transition and used for statistics.
///
/// The raw values are stable identifiers: never rename one, only add.
public enum ClosureReason: String, Sendable, Codable, Hashable, CaseIterable {
    /// The subject left the country.
    case departed
    /// The subject's status was adjusted; no longer in violation.
    case statusAdjusted
    case deceased
    case naturalised
    /// The subject was removed from the country.
    case removed
    /// Another lead covers the same subject and violation. Says nothing about the person.
    case duplicate
    /// Not enough information to pursue.
    case insufficientInformation
    /// Case management reported the referred case closed. Only the ``WorkflowCommand/caseClosed``
    /// command closes with this reason; no person chooses it.
    case caseClosed

    /// Whether closing with this reason tells the arrival/departure system to stop sending
    /// updates about the subject.
    ///
    /// Every closure is final for its lead, and the domain rule is to stop updates when a lead is
    /// finally closed, so all reasons do, except ``duplicate``: a duplicate closes a redundant
    /// copy while another lead about the same person stays open and still needs the updates.
    public var stopsArrivalDepartureUpdates: Bool { self != .duplicate }

    /// Whether a reviewer may choose this reason in a non-viable disposition.
    public var isReviewerChoice: Bool { self != .caseClosed }

    /// The reasons a supervisor may close a lead with outside review (``WorkflowCommand/close(_:)``).
    ///
    /// Only ``duplicate``: every other reason is a finding about the person, which needs an
    /// analyst's workup and a second person's review.
    public static let administrative: Set<ClosureReason> = [.duplicate]
}

/// A reviewer's decision on a submitted lead.
public enum Disposition: Sendable, Codable, Hashable {
    /// Viable: refer to the responsible field office (a referral event for case management).
    case viableRefer
    /// Viable: hold and monitor rather than refer now.
    case viableHold
    /// Non-viable: close, with why.
    case nonViableClose(ClosureReason)
    /// Non-viable for now: keep in the backlog until new information arrives.
    case nonViablePending

    /// Whether the reviewer found the subject to be a suspected violator.
    public var isViable: Bool {
        switch self {
        case .viableRefer, .viableHold: true
        case .nonViableClose, .nonViablePending: false
        }
    }

    /// Where an approval with this disposition takes a submitted lead.
    public var targetState: LeadState {
        switch self {
        case .viableRefer: .referred
        case .viableHold: .held
        case .nonViableClose: .closed
        case .nonViablePending: .pending
        }
    }
}
