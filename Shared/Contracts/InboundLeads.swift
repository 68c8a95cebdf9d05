import Foundation
import LeadTracDomain

/// The upstream lead contracts on `leadtrac.inbound` (docs/asyncapi.yaml).
///
/// Each is a CloudEvent whose data is one lead record in the `RawLead` shape (every field an
/// optional string, so a bad record is reported field by field rather than failing to decode),
/// plus the source's own identity for the record. `cloudEvents:source` names the sending system.
public enum InboundLeadType: String, Sendable, CaseIterable {
    /// The targeting system's daily extract of enriched overstay leads.
    case targetingOverstayLead = "targeting.overstay-lead.v1"
    /// Other agencies' referrals from partner programmes.
    case partnerReferral = "partner.referral-lead.v1"
    /// Schools and exchange programmes suspected of compliance violations.
    case organisationLead = "sevp.organisation-lead.v1"
    /// One row of an ad hoc batch extract, sent by `leadtrac import` (source `import/<name>`).
    case importedRow = "import.lead-row.v1"

    /// How the source is classified in provenance.
    public var sourceKind: SourceKind {
        switch self {
        case .targetingOverstayLead, .organisationLead: .upstreamSystem
        case .partnerReferral, .importedRow: .partnerBatch
        }
    }
}

/// The identity fields that travel beside the lead in an inbound record's data.
public struct InboundRecordIdentity: Sendable, Codable, Hashable {
    /// The source's id for this record: with the source system, what makes a re-send recognisable.
    public var sourceRecordId: String?
    /// The partner programme or extract name, when the source has one.
    public var programme: String?
    public var extract: String?

    public init(sourceRecordId: String? = nil, programme: String? = nil, extract: String? = nil) {
        self.sourceRecordId = sourceRecordId
        self.programme = programme
        self.extract = extract
    }
}

/// An inbound lead record's data: the lead fields and the record's identity side by side in one
/// JSON object (`{"sourceRecordId": "…", "kind": "person", "person": {…}}`). Decoding reads the
/// object once; encoding writes the same flat shape (ingest, `leadtrac import` and
/// `leadtrac generate` all speak it).
public struct InboundLeadRecord: Sendable, Codable, Hashable {
    public var identity: InboundRecordIdentity
    public var lead: RawLead

    public init(identity: InboundRecordIdentity, lead: RawLead) {
        self.identity = identity
        self.lead = lead
    }

    public init(from decoder: any Decoder) throws {
        identity = try InboundRecordIdentity(from: decoder)
        lead = try RawLead(from: decoder)
    }

    public func encode(to encoder: any Encoder) throws {
        try lead.encode(to: encoder)
        try identity.encode(to: encoder)
    }
}

/// `lead.received.v1` on `leadtrac.events`: a lead accepted by ingest, normalised, with provenance.
public struct LeadReceived: Sendable, Codable, Hashable {
    public enum Change: String, Sendable, Codable, Hashable {
        /// The first time this source record was received.
        case created
        /// A re-send of the same source record with different content.
        case updated
    }

    /// Stable for a source record: derived from the source system and the source record id.
    public var leadID: String
    /// 1 for the first version, +1 for each changed re-send.
    public var revision: Int
    public var change: Change
    public var lead: CanonicalLead

    public init(leadID: String, revision: Int, change: Change, lead: CanonicalLead) {
        self.leadID = leadID
        self.revision = revision
        self.change = change
        self.lead = lead
    }

    /// The JSON of a `LeadReceived` around an already encoded canonical lead, so the lead (the
    /// bulk of the event) is encoded once for storage and event alike. Same shape as `Codable`
    /// produces, keys sorted.
    public static func encode(leadID: String, revision: Int, change: Change, canonicalLead: Data) throws -> [UInt8] {
        EncodedJSON.object([
            ("change", try EncodedJSON.value(change)), ("lead", Array(canonicalLead)), ("leadID", try EncodedJSON.value(leadID)),
            ("revision", try EncodedJSON.value(revision)),
        ])
    }
}
