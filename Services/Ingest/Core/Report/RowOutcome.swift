/// What happened to one row of a batch file.
public enum RowOutcome: Sendable, Hashable {
    /// Normalised and stored as the lead `leadID`.
    case accepted(leadID: String, sourceRecordID: String)
    /// Not imported; kept for repair with every reason. The source record id when the row has one.
    case rejected(sourceRecordID: String?, problems: [RowProblem])
    /// A row whose source record id was already imported (earlier in the file, or by an earlier run).
    case duplicate(sourceRecordID: String)

    /// `accepted`, `rejected` or `duplicate`.
    public var label: String {
        switch self {
        case .accepted: "accepted"
        case .rejected: "rejected"
        case .duplicate: "duplicate"
        }
    }

    public var sourceRecordID: String? {
        switch self {
        case .accepted(_, let id), .duplicate(let id): id
        case .rejected(let id, _): id
        }
    }
}

/// One line of the per-row report: which row, and what happened to it.
public struct RowReportEntry: Sendable, Hashable {
    /// The CSV record number or JSON Lines line number.
    public var row: Int
    /// The file offset where the row starts, to find it again for repair.
    public var byteOffset: UInt64
    public var outcome: RowOutcome

    public init(row: Int, byteOffset: UInt64, outcome: RowOutcome) {
        self.row = row
        self.byteOffset = byteOffset
        self.outcome = outcome
    }
}

extension RowReportEntry: Codable {
    private enum Keys: String, CodingKey {
        case row, byteOffset, outcome, sourceRecordId, leadId, problems, codes
    }

    /// Flat JSON: `{"row":3,"byteOffset":120,"outcome":"rejected","sourceRecordId":"R-3",
    /// "codes":["ssn.invalid-area"],"problems":[{"code":…,"field":…,"message":…}]}`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(row, forKey: .row)
        try container.encode(byteOffset, forKey: .byteOffset)
        try container.encode(outcome.label, forKey: .outcome)
        try container.encodeIfPresent(outcome.sourceRecordID, forKey: .sourceRecordId)
        switch outcome {
        case .accepted(let leadID, _): try container.encode(leadID, forKey: .leadId)
        case .rejected(_, let problems):
            try container.encode(problems.map(\.code), forKey: .codes)
            try container.encode(problems, forKey: .problems)
        case .duplicate: break
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Keys.self)
        row = try container.decode(Int.self, forKey: .row)
        byteOffset = try container.decode(UInt64.self, forKey: .byteOffset)
        let id = try container.decodeIfPresent(String.self, forKey: .sourceRecordId)
        switch try container.decode(String.self, forKey: .outcome) {
        case "accepted":
            outcome = .accepted(
                leadID: try container.decode(String.self, forKey: .leadId),
                sourceRecordID: try id ?? { throw DecodingError.keyNotFound(Keys.sourceRecordId, .init(codingPath: [], debugDescription: "accepted rows have a source record id")) }())
        case "duplicate":
            outcome = .duplicate(sourceRecordID: try id ?? { throw DecodingError.keyNotFound(Keys.sourceRecordId, .init(codingPath: [], debugDescription: "duplicate rows have a source record id")) }())
        case "rejected":
            outcome = .rejected(sourceRecordID: id, problems: try container.decode([RowProblem].self, forKey: .problems))
        default:
            throw DecodingError.dataCorruptedError(forKey: .outcome, in: container, debugDescription: "unknown outcome")
        }
    }
}
