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
            var families = Set<String>()
            var givens = Set<String>()
            for name in subject.names {
                let family = PreparedNamePart(name.family)
                if !family.isEmpty {
                    families.insert(family.value)
                    for token in family.tokens { families.insert(token.text) }
                }
                let given = PreparedNamePart(name.given)
                if let first = given.tokens.first { givens.insert(first.text) }
            }
            for value in families { familyCounts[value, default: 0] += 1 }
            for value in givens { givenCounts[value, default: 0] += 1 }
            var ids = Set<String>()
            for id in subject.identifiers {
                ids.insert(Self.identifierKey(id.type, PreparedIdentifier(id).issuer, id.canonicalValue))
            }
            for key in ids { identifierCounts[key, default: 0] += 1 }
            for address in Set(subject.addresses) { addressCounts[address, default: 0] += 1 }
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
        identifierCounts[Self.identifierKey(type, issuer, value)]
    }

    public func subjectCount(sharingAddress address: Address) -> Int? {
        addressCounts[address]
    }

    private static func identifierKey(_ type: String, _ issuer: String?, _ value: String) -> String {
        type + "\u{1F}" + (issuer ?? "") + "\u{1F}" + value
    }
}
