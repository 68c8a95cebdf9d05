/// How common values are among existing subjects: the input to term-frequency adjustment.
///
/// Fellegi–Sunter's `u` for "names agree exactly" is an average over all names; agreement
/// on a rare name is much stronger evidence than on a common one. Following Winkler's
/// frequency-based matching, the scorer replaces `u` by the frequency of the agreeing value
/// itself. Counts of subjects sharing an identifier or address let the scorer recognise
/// *generic* values (a shelter's address, a placeholder phone) and give them no weight.
///
/// Every method may return `nil` ("not known"), and the scorer then uses the model's default.
/// Values are looked up as the matcher sees them: folded name values (the whole part such as
/// "garcia lopez", and single tokens such as "garcia" for compound agreement), canonical
/// identifier values (``Identifier/canonicalValue``), addresses as given.
public protocol TermFrequencies: Sendable {
    /// Fraction of subjects (0...1) whose family name is `name`.
    func frequency(ofFamily name: String) -> Double?
    /// Fraction of subjects (0...1) whose first given name is `name`.
    func frequency(ofGiven name: String) -> Double?
    /// Number of distinct subjects holding this identifier value.
    func subjectCount(sharingIdentifier type: String, issuer: String?, value: String) -> Int?
    /// Number of distinct subjects with this address.
    func subjectCount(sharingAddress address: Address) -> Int?
}

extension TermFrequencies {
    public func frequency(ofFamily name: String) -> Double? { nil }
    public func frequency(ofGiven name: String) -> Double? { nil }
    public func subjectCount(sharingIdentifier type: String, issuer: String?, value: String) -> Int? { nil }
    public func subjectCount(sharingAddress address: Address) -> Int? { nil }
}

/// No frequency information: every agreement gets the model's average weight.
public struct NoTermFrequencies: TermFrequencies {
    public init() {}
}

/// Frequencies counted in memory from a set of subjects: for tests, tools and small
/// deployments. Production would keep the same counts in storage.
public struct TermFrequencyTable: TermFrequencies {
    public private(set) var subjectTotal: Int
    var familyCounts: [String: Int] = [:]
    var givenCounts: [String: Int] = [:]
    var identifierCounts: [String: Int] = [:]
    var addressCounts: [Address: Int] = [:]

    /// Counts each subject once per distinct value: whole family names and their tokens, first
    /// given names, canonical identifier values and addresses.
    public init(subjects: [MatchRecord]) {
        subjectTotal = subjects.count
        for subject in subjects {
            let terms = TermValues(subject)
            for value in terms.families { familyCounts[value, default: 0] += 1 }
            for value in terms.givens { givenCounts[value, default: 0] += 1 }
            for key in terms.identifiers { identifierCounts[key, default: 0] += 1 }
            for address in terms.addresses { addressCounts[address, default: 0] += 1 }
        }
    }

    public func frequency(ofFamily name: String) -> Double? {
        guard subjectTotal > 0, let count = familyCounts[name] else { return nil }
        return Double(count) / Double(subjectTotal)
    }

    public func frequency(ofGiven name: String) -> Double? {
        guard subjectTotal > 0, let count = givenCounts[name] else { return nil }
        return Double(count) / Double(subjectTotal)
    }

    public func subjectCount(sharingIdentifier type: String, issuer: String?, value: String) -> Int? {
        identifierCounts[TermValues.identifierKey(type: type, issuer: issuer, value: value)]
    }

    public func subjectCount(sharingAddress address: Address) -> Int? {
        addressCounts[address]
    }
}

/// The distinct values a record is counted under for term frequencies, folded exactly as the
/// scorer looks them up: whole family names and their tokens, first given names, identifier
/// keys (``identifierKey(type:issuer:value:)``) and addresses.
///
/// Storage that keeps frequencies itself (the matcher service) counts a subject under these
/// values, and looks a lead's own values up before scoring it.
public struct TermValues: Sendable, Hashable {
    public var families: Set<String> = []
    public var givens: Set<String> = []
    public var identifiers: Set<String> = []
    public var addresses: Set<Address> = []

    public init(_ record: MatchRecord) {
        for name in record.names {
            let family = PreparedNamePart.cached(name.family)
            if !family.isEmpty {
                families.insert(family.value)
                for token in family.tokens { families.insert(token.text) }
            }
            let given = PreparedNamePart.cached(name.given)
            if let first = given.tokens.first { givens.insert(first.text) }
        }
        for id in record.identifiers {
            identifiers.insert(Self.identifierKey(type: id.type, issuer: PreparedIdentifier(id).issuer, value: id.canonicalValue))
        }
        addresses = Set(record.addresses)
    }

    /// One string per identifier as ``TermFrequencies/subjectCount(sharingIdentifier:issuer:value:)``
    /// is asked about it (issuer upper-cased, value canonical).
    public static func identifierKey(type: String, issuer: String?, value: String) -> String {
        type + "\u{1F}" + (issuer ?? "") + "\u{1F}" + value
    }
}
