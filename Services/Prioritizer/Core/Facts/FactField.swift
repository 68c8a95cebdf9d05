/// The fixed catalogue of facts a rule may read: its whole vocabulary.
///
/// The catalogue is closed on purpose: a rule naming anything else is rejected when the rule set
/// is loaded, so a typo cannot silently make a rule never fire. The raw value is the name used
/// in rule files and in explanations.
public enum FactField: String, Sendable, Hashable, CaseIterable, Codable {
    /// `person` or `organisation`.
    case leadKind = "lead.kind"
    /// One of the lead categories of the domain (`overstay`, `statusViolation`, …).
    case leadCategory = "lead.category"
    /// The source system or programme that sent the lead.
    case leadSource = "lead.source"
    case leadReceivedAt = "lead.received_at"

    case riskNationalSecurity = "risk.national_security"
    case riskWantsWarrants = "risk.wants_warrants"
    case riskCriminalHistory = "risk.criminal_history"
    /// Upstream risk indicator codes, as sent.
    case riskIndicators = "risk.indicators"

    case visaClass = "visa.class"
    case visaAdmittedUntil = "visa.admitted_until"
    /// Derived: whole days from `visa.admitted_until` to the evaluation date, present only when
    /// positive (missing when there is no admitted-until date or it has not passed yet).
    case daysOverstayed = "days_overstayed"

    case studentProgrammeID = "student.programme_id"
    case studentStatus = "student.status"

    /// The latest date on which a US address of the subject was valid. Rules ask "has a US
    /// address valid in the last N days" with `within_days: N` on this fact.
    case addressUSLastSeen = "address.us_last_seen"

    case subjectPriorLeads = "subject.prior_leads"
    case subjectDeparted = "subject.departed"
    /// The subject is under special legal protection (asylum seeker, refugee, protected victim).
    case subjectProtected = "subject.protected"
    case subjectCategories = "subject.categories"
    /// A commercial provider returned a current address (confirmed by an analyst).
    case enrichmentHasCurrentAddress = "enrichment.has_current_address"

    /// The type of the fact's values.
    public var type: FactType {
        switch self {
        case .leadKind, .leadCategory, .leadSource, .visaClass, .studentProgrammeID, .studentStatus: .string
        case .leadReceivedAt, .visaAdmittedUntil, .addressUSLastSeen: .date
        case .riskNationalSecurity, .riskWantsWarrants, .riskCriminalHistory, .subjectDeparted, .subjectProtected,
            .enrichmentHasCurrentAddress:
            .bool
        case .riskIndicators, .subjectCategories: .set
        case .daysOverstayed, .subjectPriorLeads: .number
        }
    }

    /// The only values a string fact can take, when the domain fixes them; a rule comparing with
    /// anything else is rejected (it could never match).
    public var allowedValues: [String]? {
        switch self {
        case .leadKind: ["person", "organisation"]
        case .leadCategory:
            [
                "overstay", "statusViolation", "visaRevokedNationalSecurity", "absentWithoutLeave", "wantedNotice",
                "fraud", "organisationCompliance",
            ]
        default: nil
        }
    }

    /// Derived facts are computed from others during evaluation and cannot be set.
    public var isDerived: Bool { self == .daysOverstayed }

    /// Position in ``Facts`` storage and in compiled rules (declaration order); a switch, not a
    /// lookup, because evaluation reads it for every test.
    @usableFromInline var index: Int {
        switch self {
        case .leadKind: 0
        case .leadCategory: 1
        case .leadSource: 2
        case .leadReceivedAt: 3
        case .riskNationalSecurity: 4
        case .riskWantsWarrants: 5
        case .riskCriminalHistory: 6
        case .riskIndicators: 7
        case .visaClass: 8
        case .visaAdmittedUntil: 9
        case .daysOverstayed: 10
        case .studentProgrammeID: 11
        case .studentStatus: 12
        case .addressUSLastSeen: 13
        case .subjectPriorLeads: 14
        case .subjectDeparted: 15
        case .subjectProtected: 16
        case .subjectCategories: 17
        case .enrichmentHasCurrentAddress: 18
        }
    }

    /// Looks a field up by its rule-file name.
    public init?(name: String) { self.init(rawValue: name) }
}
