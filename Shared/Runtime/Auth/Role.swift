/// The roles a LeadTrac user (or machine client) acts in. A route declares which it admits.
public enum Role: String, Sendable, Codable, Hashable, CaseIterable, Comparable {
    /// Works leads up: takes from queues, researches, records findings, submits.
    case analyst
    /// Second pair of eyes: reviews submitted leads, decides possible matches.
    case reviewer
    /// Manages queues, assignments, rule sets, accounts and roles.
    case supervisor
    /// Reads the audit trail and the accounting of disclosures; nothing else.
    case auditor
    /// Operates the system (dead letters, configuration); no access to lead content.
    case admin
    /// Machine clients (other systems calling the APIs).
    case service

    public static func < (lhs: Role, rhs: Role) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
