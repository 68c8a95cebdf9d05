import Foundation

/// One audit event as a service emits it: who did what to which object, with what outcome.
///
/// Equality and hashing follow the canonical encoding (``CanonicalEncoding``): the time is
/// held to the millisecond and numbers in `details` compare by value. One difference remains:
/// Swift compares strings by Unicode canonical equivalence, while the encoding keeps each
/// string's exact UTF-8, so two events that differ only in the normalization form of a string
/// are equal here yet hash differently. The stored bytes, not a re-encoded copy, are the
/// reference.
public struct AuditEvent: Sendable, Hashable {
    /// Whether the action was carried out.
    public enum Outcome: String, Sendable, Hashable, Codable, CaseIterable {
        case allowed
        case denied
        case failed
    }

    /// Accounting of disclosures: who received personal data, why, and what was disclosed.
    public struct Disclosure: Sendable, Hashable, Codable {
        public var recipient: String
        public var purpose: String
        public var nature: String

        public init(recipient: String, purpose: String, nature: String) {
            self.recipient = recipient
            self.purpose = purpose
            self.nature = nature
        }
    }

    /// The event id given by the emitting service (unique per event; redeliveries repeat it).
    public var id: String
    /// When it happened, in whole milliseconds since 1970 (UTC).
    public var millisecondsSince1970: Int64
    /// A user id or a service name.
    public var actor: String
    public var role: String
    /// The service that emitted the event.
    public var service: String
    /// What was done, e.g. `lead.view`, `subject.search`, `auth.denied`, `ruleset.activate`.
    public var action: String
    public var objectType: String?
    public var objectID: String?
    public var outcome: Outcome
    public var requestID: String?
    /// Subjects concerned (for a search: the subjects in the result).
    public var subjectIDs: [String]
    public var leadIDs: [String]
    /// Search terms, result counts, field lists, before and after values.
    public var details: [String: AuditValue]
    public var disclosure: Disclosure?

    /// When it happened, to the millisecond: setting it rounds to the nearest millisecond.
    public var time: Date {
        get { AuditTimestamp.date(millisecondsSince1970) }
        set { millisecondsSince1970 = AuditTimestamp.milliseconds(newValue) }
    }

    /// - Parameter time: rounded to the nearest millisecond.
    public init(
        id: String, time: Date, actor: String, role: String, service: String, action: String,
        objectType: String? = nil, objectID: String? = nil, outcome: Outcome, requestID: String? = nil,
        subjectIDs: [String] = [], leadIDs: [String] = [], details: [String: AuditValue] = [:],
        disclosure: Disclosure? = nil
    ) {
        self.id = id
        self.millisecondsSince1970 = AuditTimestamp.milliseconds(time)
        self.actor = actor
        self.role = role
        self.service = service
        self.action = action
        self.objectType = objectType
        self.objectID = objectID
        self.outcome = outcome
        self.requestID = requestID
        self.subjectIDs = subjectIDs
        self.leadIDs = leadIDs
        self.details = details
        self.disclosure = disclosure
    }
}

extension AuditEvent: Codable {
    enum CodingKeys: String, CodingKey {
        case id, time, actor, role, service, action, objectType, objectID, outcome, requestID
        case subjectIDs, leadIDs, details, disclosure
    }

    /// JSON for the wire: `time` as `yyyy-MM-dd'T'HH:mm:ss.SSS'Z'` whatever the encoder's date
    /// strategy, absent optionals omitted, absent lists and `details` read as empty.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let timeText = try container.decode(String.self, forKey: .time)
        guard let milliseconds = AuditTimestamp.milliseconds(text: timeText) else {
            throw DecodingError.dataCorruptedError(
                forKey: .time, in: container, debugDescription: "expected yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
        }
        id = try container.decode(String.self, forKey: .id)
        millisecondsSince1970 = milliseconds
        actor = try container.decode(String.self, forKey: .actor)
        role = try container.decode(String.self, forKey: .role)
        service = try container.decode(String.self, forKey: .service)
        action = try container.decode(String.self, forKey: .action)
        objectType = try container.decodeIfPresent(String.self, forKey: .objectType)
        objectID = try container.decodeIfPresent(String.self, forKey: .objectID)
        outcome = try container.decode(Outcome.self, forKey: .outcome)
        requestID = try container.decodeIfPresent(String.self, forKey: .requestID)
        subjectIDs = try container.decodeIfPresent([String].self, forKey: .subjectIDs) ?? []
        leadIDs = try container.decodeIfPresent([String].self, forKey: .leadIDs) ?? []
        details = try container.decodeIfPresent([String: AuditValue].self, forKey: .details) ?? [:]
        disclosure = try container.decodeIfPresent(Disclosure.self, forKey: .disclosure)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        guard let timeText = AuditTimestamp.text(millisecondsSince1970) else {
            throw EncodingError.invalidValue(
                time, .init(codingPath: container.codingPath + [CodingKeys.time], debugDescription: "year outside 0000...9999"))
        }
        try container.encode(id, forKey: .id)
        try container.encode(timeText, forKey: .time)
        try container.encode(actor, forKey: .actor)
        try container.encode(role, forKey: .role)
        try container.encode(service, forKey: .service)
        try container.encode(action, forKey: .action)
        try container.encodeIfPresent(objectType, forKey: .objectType)
        try container.encodeIfPresent(objectID, forKey: .objectID)
        try container.encode(outcome, forKey: .outcome)
        try container.encodeIfPresent(requestID, forKey: .requestID)
        try container.encode(subjectIDs, forKey: .subjectIDs)
        try container.encode(leadIDs, forKey: .leadIDs)
        try container.encode(details, forKey: .details)
        try container.encodeIfPresent(disclosure, forKey: .disclosure)
    }
}
