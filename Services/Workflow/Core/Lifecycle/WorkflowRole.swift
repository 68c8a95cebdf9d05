/// What a user (or a machine client) may do in the workflow. Supervisors assign roles; an
/// account may hold several (an analyst who is also a reviewer), which is why self-review is
/// checked on the person, not the role.
///
/// The cases and raw values are those of `Role` in LeadTracRuntime, one for one, so the
/// service converts with `WorkflowRole(rawValue: role.rawValue)`. A type of its own keeps this
/// library free of the runtime (and its server dependencies). The raw values are stored with
/// every transition: never rename one.
public enum WorkflowRole: String, Sendable, Codable, Hashable, CaseIterable, Comparable {
    /// Works leads up: takes, researches, submits.
    case analyst
    /// Secondary review: approves with a disposition, or returns to the analyst.
    case reviewer
    /// Manages accounts, roles and assignments; may release, reopen and administratively close.
    case supervisor
    /// Reads the audit trail and the accounting of disclosures; changes nothing.
    case auditor
    /// Operates the system (configuration, dead letters); takes no part in vetting.
    case admin
    /// A machine client: the case-management feed, the arrival/departure feed.
    case service

    public static func < (lhs: WorkflowRole, rhs: WorkflowRole) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
