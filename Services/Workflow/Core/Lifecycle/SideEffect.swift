/// Something the service must do because of a transition. The state machine only states the
/// intent; the service turns it into an outbox message or a timer, in the same database
/// transaction as the transition, so that either both happen or neither does.
public enum SideEffect: Sendable, Codable, Hashable {
    /// Publish a referral event for case management (viable, referred). The service resolves
    /// the responsible field office with the ``JurisdictionTable``.
    case emitReferral(leadID: String, subjectID: String)
    /// Tell the arrival/departure system to stop sending updates about the subject: the lead
    /// was finally closed (see ``ClosureReason/stopsArrivalDepartureUpdates``).
    case emitStopUpdates(subjectID: String, reason: ClosureReason)
    /// Tell the commercial data providers to delete everything about the subject: the
    /// reviewer found the lead non-viable. The service records the confirmation.
    case requestProviderDeletion(subjectID: String)
    /// Start the SLA clock of the state the lead just entered (see ``SLAPolicy``).
    case startSLAClock(LeadState)
    /// The lead left its last clocked state for one without a clock.
    case stopSLAClock
}
