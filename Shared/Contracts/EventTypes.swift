/// The versioned CloudEvents types LeadTrac exchanges (docs/asyncapi.yaml documents each).
///
/// A type's name is also the routing key it is published with, so a queue binds to
/// `lead.received.*` to receive every version of `lead.received`.
public enum EventType {
    public static let leadReceived = "lead.received.v1"
    /// A validated weekly arrival/departure update (ingest → matcher).
    public static let arrivalDepartureReceived = "arrival-departure.received.v1"
    public static let leadMatched = "lead.matched.v1"
    /// A subject created by the matcher for a lead that matched no existing subject.
    public static let subjectCreated = "subject.created.v1"
    /// A subject that gained attributes (aliases, identifiers, addresses) from a linked lead.
    public static let subjectUpdated = "subject.updated.v1"
    /// Two subjects found to be one person: one survives, the other points to it.
    public static let subjectMerged = "subject.merged.v1"
    /// A subject found to be two people: some of its leads move to a new subject.
    public static let subjectSplit = "subject.split.v1"
    public static let leadPrioritized = "lead.prioritized.v1"
    public static let leadStateChanged = "lead.state-changed.v1"
    public static let enrichmentRequested = "enrichment.requested.v1"
    public static let enrichmentCompleted = "enrichment.completed.v1"
    public static let referralCreated = "referral.created.v1"
    public static let caseClosed = "case.closed.v1"
    public static let adisStopUpdates = "adis.stop-updates.v1"
    public static let eroWeeklyExtract = "ero.weekly-extract.v1"
    public static let sourceErrorNotice = "source.error-notice.v1"
    /// One audit-trail entry, on `leadtrac.audit` with routing key `audit.<service>.<action>`.
    public static let auditRecorded = "audit.recorded.v1"
    /// An account created, its roles changed, or archived (owned by the audit service).
    public static let accountChanged = "account.changed.v1"
}
