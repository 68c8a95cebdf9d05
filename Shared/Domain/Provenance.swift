import Foundation

/// What kind of party said something. Commercial-provider data is always marked as such
/// because it must be confirmed by an analyst before it counts.
public enum SourceKind: String, Sendable, Codable, Hashable, CaseIterable {
    /// An automated upstream system feed (targeting extract, arrival/departure updates).
    case upstreamSystem
    /// An ad hoc batch from a partner programme (spreadsheet, extract).
    case partnerBatch
    /// An analyst, by hand.
    case analyst
    /// A commercial data provider's answer to an enrichment request.
    case commercialProvider
}

/// Where a fact came from and when it was received.
///
/// Design: a ``CanonicalLead`` carries one lead-level `Provenance`, which covers its single-valued
/// facts (name, date of birth, sex, countries, narrative). Repeated facts that can later be added
/// by another source (identifiers, addresses, phones, e-mails, travel events, visas) carry their
/// own copy in a `provenance` field, so that enrichment can append facts from a provider next to
/// facts from intake without a second structure. At intake every fact gets the lead's provenance.
/// The value is small (a few strings and a date), so copying it per fact is cheap.
public struct Provenance: Sendable, Codable, Hashable {
    /// The sending system, provider or workstation, e.g. `ATS`, `ADIS`, `provider:acme`.
    public var system: String
    public var sourceKind: SourceKind
    /// The record's identifier in the sending system, when it has one.
    public var sourceRecordID: String?
    /// When LeadTrac received the record. Also the reference "now" for plausibility checks
    /// (no date of birth after it), which keeps normalisation deterministic and replayable.
    public var receivedAt: Date
    /// The partner or enforcement programme the record belongs to, if any.
    public var programme: String?
    /// The extract, batch or file the record came in, if any.
    public var extract: String?

    public init(
        system: String,
        sourceKind: SourceKind = .upstreamSystem,
        sourceRecordID: String? = nil,
        receivedAt: Date,
        programme: String? = nil,
        extract: String? = nil
    ) {
        self.system = system
        self.sourceKind = sourceKind
        self.sourceRecordID = sourceRecordID
        self.receivedAt = receivedAt
        self.programme = programme
        self.extract = extract
    }

    /// Whether this came from a commercial data provider and so needs analyst confirmation.
    public var isCommercial: Bool { sourceKind == .commercialProvider }
}
