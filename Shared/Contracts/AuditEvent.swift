import Foundation

/// One entry of the audit trail, as every service emits it on `leadtrac.audit` (type
/// `audit.recorded.v1`, routing key `audit.<service>.<action>`) through its outbox.
///
/// It says who (actor, role) did what (action) to which object, through which service, when,
/// and whether it was allowed. Reads list the fields shown, searches their terms and result
/// count, changes their before and after values (`details`). `subjectIds` and `leadIds` name
/// the people and leads concerned, so an auditor can ask "who saw this subject".
public struct AuditEvent: Sendable, Codable, Hashable {
    public enum Outcome: String, Sendable, Codable, Hashable, CaseIterable {
        case allowed
        case denied
        case failed
    }

    /// A disclosure of personal data outside LeadTrac (the accounting of disclosures).
    public struct Disclosure: Sendable, Codable, Hashable {
        /// Who received the data (a provider, a partner agency).
        public var recipient: String
        /// Why it was disclosed (the enrichment request's purpose, a referral).
        public var purpose: String
        /// What was disclosed (the fields).
        public var nature: String

        public init(recipient: String, purpose: String, nature: String) {
            self.recipient = recipient
            self.purpose = purpose
            self.nature = nature
        }
    }

    /// The event id (also the CloudEvent id): deterministic where the action can be retried.
    public var id: String
    public var time: Date
    /// The user id, or the service name for machine actions.
    public var actor: String
    /// The role the actor acted in (`analyst`, `service`, …).
    public var role: String
    public var service: String
    /// What was done: `lead.view`, `subject.search`, `auth.denied`, `ruleset.activate`, …
    public var action: String
    public var objectType: String?
    public var objectId: String?
    public var outcome: Outcome
    /// The HTTP request id (`X-Request-ID`), when the action came through the API.
    public var requestId: String?
    public var subjectIds: [String]
    public var leadIds: [String]
    /// Action-specific facts: fields viewed, search terms and result count, before/after values.
    public var details: [String: AuditValue]
    public var disclosure: Disclosure?

    public init(
        id: String, time: Date, actor: String, role: String, service: String, action: String,
        objectType: String? = nil, objectId: String? = nil, outcome: Outcome, requestId: String? = nil,
        subjectIds: [String] = [], leadIds: [String] = [], details: [String: AuditValue] = [:],
        disclosure: Disclosure? = nil
    ) {
        self.id = id
        self.time = time
        self.actor = actor
        self.role = role
        self.service = service
        self.action = action
        self.objectType = objectType
        self.objectId = objectId
        self.outcome = outcome
        self.requestId = requestId
        self.subjectIds = subjectIds
        self.leadIds = leadIds
        self.details = details
        self.disclosure = disclosure
    }
}

/// A JSON value in an audit event's details.
public enum AuditValue: Sendable, Hashable, Codable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    case string(String)
    case int(Int64)
    case double(Double)
    case bool(Bool)
    case null
    case array([AuditValue])
    case object([String: AuditValue])

    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int64) { self = .int(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: AuditValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, AuditValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int64.self) {
            self = .int(value)
        } else if let value = try? container.decode(Double.self) {
            self = .double(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([AuditValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: AuditValue].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .string(let value): try container.encode(value)
        case .int(let value): try container.encode(value)
        case .double(let value): try container.encode(value)
        case .bool(let value): try container.encode(value)
        case .null: try container.encodeNil()
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }
}
