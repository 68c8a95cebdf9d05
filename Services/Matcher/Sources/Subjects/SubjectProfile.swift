import LeadTracContracts
import MatcherCore

/// Who contributed a value to a subject: the lead and its source record.
struct SourceRef: Codable, Hashable, Sendable {
    var leadID: String
    var system: String
    var recordID: String?
}

/// Attribute provenance of a subject's merged record: for every value of the record, the
/// sources that gave it (indices into `sources`). Parallel to the record's arrays; it holds no
/// values itself, so it can be shown to someone who may see where data came from but not what.
struct SubjectProvenance: Codable, Hashable, Sendable {
    var sources: [SourceRef] = []
    var names: [[Int]] = []
    var identifiers: [[Int]] = []
    var addresses: [[Int]] = []
    var citizenship: [[Int]] = []
    var dateOfBirth: [Int] = []
    var sex: [Int] = []
    var countryOfBirth: [Int] = []
    var schoolCode: [Int] = []
}

/// A subject's merged `MatchRecord` with the provenance of each value, and the rule for merging
/// a linked lead into it.
///
/// Merging only adds: a new name becomes an alias, new identifiers, addresses and citizenships
/// are appended; a single-valued fact (date of birth, sex, country of birth, school code) is
/// taken from the lead only when the subject does not know it, or a date of birth only when
/// the lead's is more precise and agrees with what is known. Conflicting values stay as first
/// received: the decision rule already refused to link a lead whose values conflict, and a
/// reviewer's merge is the place to settle them.
struct SubjectProfile: Hashable, Sendable {
    private(set) var record: MatchRecord
    private(set) var provenance: SubjectProvenance

    init(record: MatchRecord, provenance: SubjectProvenance) {
        self.record = record
        self.provenance = provenance
        // Keep the parallel arrays parallel even if stored data was edited by hand.
        Self.align(&self.provenance.names, record.names.count)
        Self.align(&self.provenance.identifiers, record.identifiers.count)
        Self.align(&self.provenance.addresses, record.addresses.count)
        Self.align(&self.provenance.citizenship, record.citizenship.count)
    }

    /// A new subject made from one lead's record.
    init(newFrom lead: MatchRecord, source: SourceRef) {
        self.init(record: MatchRecord(kind: lead.kind), provenance: SubjectProvenance())
        _ = merge(lead, from: source)
    }

    /// Adds what `lead` knows and the subject does not; records the source of every value the
    /// lead confirms or adds.
    mutating func merge(_ lead: MatchRecord, from source: SourceRef) -> SubjectUpdated.Added {
        let s = sourceIndex(source)
        var added = SubjectUpdated.Added()
        for name in lead.names {
            if let i = record.names.firstIndex(of: name) {
                Self.note(s, in: &provenance.names[i])
            } else {
                record.names.append(name)
                provenance.names.append([s])
                added.names += 1
            }
        }
        for identifier in lead.identifiers {
            if let i = record.identifiers.firstIndex(where: { Self.sameIdentifier($0, identifier) }) {
                if record.identifiers[i].issuer == nil, identifier.issuer != nil {
                    record.identifiers[i].issuer = identifier.issuer
                }
                Self.note(s, in: &provenance.identifiers[i])
            } else {
                record.identifiers.append(identifier)
                provenance.identifiers.append([s])
                added.identifiers += 1
            }
        }
        for address in lead.addresses {
            if let i = record.addresses.firstIndex(of: address) {
                Self.note(s, in: &provenance.addresses[i])
            } else {
                record.addresses.append(address)
                provenance.addresses.append([s])
                added.addresses += 1
            }
        }
        for country in lead.citizenship {
            if let i = record.citizenship.firstIndex(of: country) {
                Self.note(s, in: &provenance.citizenship[i])
            } else {
                record.citizenship.append(country)
                provenance.citizenship.append([s])
                added.citizenships += 1
            }
        }
        if let date = lead.dateOfBirth {
            if let known = record.dateOfBirth, known == date {
                Self.note(s, in: &provenance.dateOfBirth)
            } else if record.dateOfBirth == nil || Self.refines(date, record.dateOfBirth!) {
                record.dateOfBirth = date
                provenance.dateOfBirth = [s]
                added.facts += 1
            }
        }
        Self.single(lead.sex, &record.sex, &provenance.sex, s, &added)
        Self.single(lead.countryOfBirth, &record.countryOfBirth, &provenance.countryOfBirth, s, &added)
        Self.single(lead.schoolCode, &record.schoolCode, &provenance.schoolCode, s, &added)
        return added
    }

    private mutating func sourceIndex(_ source: SourceRef) -> Int {
        if let i = provenance.sources.firstIndex(of: source) { return i }
        provenance.sources.append(source)
        return provenance.sources.count - 1
    }

    private static func single<T: Equatable>(
        _ value: T?, _ known: inout T?, _ sources: inout [Int], _ s: Int, _ added: inout SubjectUpdated.Added
    ) {
        guard let value else { return }
        if known == nil {
            known = value
            sources = [s]
            added.facts += 1
        } else if known == value {
            note(s, in: &sources)
        }
    }

    private static func note(_ s: Int, in sources: inout [Int]) {
        if !sources.contains(s) { sources.append(s) }
    }

    private static func align(_ sources: inout [[Int]], _ count: Int) {
        if sources.count > count { sources.removeLast(sources.count - count) }
        while sources.count < count { sources.append([]) }
    }

    /// Same type and canonical value, and the same issuer where both name one.
    static func sameIdentifier(_ a: Identifier, _ b: Identifier) -> Bool {
        guard a.type == b.type, a.canonicalValue == b.canonicalValue else { return false }
        guard let x = a.issuer?.uppercased(), let y = b.issuer?.uppercased(), !x.isEmpty, !y.isEmpty else { return true }
        return x == y
    }

    /// Whether `new` is more precise than `known` and agrees with every part `known` has.
    static func refines(_ new: PartialDate, _ known: PartialDate) -> Bool {
        func precision(_ d: PartialDate) -> Int { d.day != nil ? 3 : (d.month != nil ? 2 : 1) }
        guard precision(new) > precision(known), new.year == known.year else { return false }
        return known.month == nil || known.month == new.month
    }
}
