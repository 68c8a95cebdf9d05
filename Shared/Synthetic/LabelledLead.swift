import LeadTracDomain

/// One generated lead with its ground-truth label.
public struct LabelledLead: Sendable, Hashable {
    /// The lead as a source would send it (carries no label).
    public var lead: RawLead
    /// The true person the lead is about.
    public var personID: String
    /// Unique per lead; sent with the lead as its top-level `sourceRecordId`.
    public var sourceRecordID: String
    /// The errors applied to this record; empty for a person's first (original) record.
    public var corruptions: [Corruption]
    /// Whether this is the person's first record in the stream.
    public var isOriginal: Bool

    public init(
        lead: RawLead, personID: String, sourceRecordID: String, corruptions: [Corruption], isOriginal: Bool
    ) {
        self.lead = lead
        self.personID = personID
        self.sourceRecordID = sourceRecordID
        self.corruptions = corruptions
        self.isOriginal = isOriginal
    }

    /// The header of ``labelCSVRow``.
    public static let labelCSVHeader = "sourceRecordId,personId,corruptions"

    /// `sourceRecordId,personId,corruptions` with corruptions joined by `;` (no quoting needed:
    /// none of the fields can contain a comma, quote or newline).
    public var labelCSVRow: String {
        "\(sourceRecordID),\(personID),\(corruptions.map(\.rawValue).joined(separator: ";"))"
    }
}
