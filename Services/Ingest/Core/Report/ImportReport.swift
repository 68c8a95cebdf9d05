/// How many rows ended which way. Part of the checkpoint, so counts survive a resumed import.
public struct ImportCounts: Sendable, Codable, Hashable {
    public var accepted = 0
    public var rejected = 0
    public var duplicate = 0

    public init(accepted: Int = 0, rejected: Int = 0, duplicate: Int = 0) {
        self.accepted = accepted
        self.rejected = rejected
        self.duplicate = duplicate
    }

    public var total: Int { accepted + rejected + duplicate }

    public mutating func count(_ outcome: RowOutcome) {
        switch outcome {
        case .accepted: accepted += 1
        case .rejected: rejected += 1
        case .duplicate: duplicate += 1
        }
    }
}

/// The summary of an import: counts and the rejection codes by frequency. Holds no rows, so it
/// stays small for any file; the rows go to an ``ImportReportWriter``.
public struct ImportReport: Sendable, Codable, Hashable {
    public var counts: ImportCounts
    /// How many rejected rows had each problem code.
    public var rejectionCodes: [String: Int]

    public init(counts: ImportCounts = ImportCounts(), rejectionCodes: [String: Int] = [:]) {
        self.counts = counts
        self.rejectionCodes = rejectionCodes
    }

    /// Adds one row's outcome.
    public mutating func record(_ outcome: RowOutcome) {
        counts.count(outcome)
        if case .rejected(_, let problems) = outcome {
            for code in Set(problems.map(\.code)) { rejectionCodes[code, default: 0] += 1 }
        }
    }
}
