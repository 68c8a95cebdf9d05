/// A candidate-retrieval key: subjects sharing any key with a lead are scored against it.
///
/// The text is `<kind>:<parts>`; storage indexes subjects by these strings and looks a lead's
/// keys up. Keys hold folded names and identifier values, so they are personal data: store
/// them with the subject, never log them.
public struct BlockingKey: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// `id:<type>:<issuer>:<value>`: one identifier, value canonical and OCR-folded; also
        /// `id:<type>:*:<value>` so a value recorded without its issuer still meets.
        case identifier = "id"
        /// `nm:<metaphone family>:<metaphone given>`, both orders.
        case name = "nm"
        /// `nv:<metaphone family>:<variant group>`: the given name's nickname/transliteration group.
        case nameVariant = "nv"
        /// `db:<yyyy-mm-dd>:<initial>`, also with day and month swapped.
        case dateOfBirth = "db"
        /// `dy:<yyyy>:<metaphone family>:<first 2 of metaphone given>`.
        case yearOfBirth = "dy"
        /// `dg:<yyyy>:<metaphone given>:<family initial>`: the year with the given name's code and
        /// only the family name's initial, for a family-name typo when the date is partial.
        case yearGiven = "dg"
        /// `dp:<yyyy-mm-__ | yyyy-__-dd | ____-mm-dd>:<both initials, sorted>`: two of the three
        /// date components with the initials of both names.
        case datePart = "dp"
        /// `sc:<school code>`.
        case schoolCode = "sc"

        /// How much sharing a key of this kind says that two records are one: the candidate
        /// ranking sums it over the distinct kinds a subject shares with a lead (meta-blocking).
        ///
        /// An identifier or school code shared is close to proof (4); a full date of birth with
        /// an initial is strong (2); each name-code or partial-date kind is weak (1) because
        /// namesakes share them. So a namesake born another year sums 2 (`nm`, `nv`), one born
        /// the same year 4 (`nm`, `nv`, `dy`, `dg`), and a duplicate with one field wrong still
        /// sums 5 or more: it ranks above every namesake without an identifier in common.
        public var retrievalWeight: Int {
            switch self {
            case .identifier, .schoolCode: 4
            case .dateOfBirth: 2
            case .name, .nameVariant, .yearOfBirth, .yearGiven, .datePart: 1
            }
        }
    }

    public let text: String
    public let kind: Kind

    public init(_ kind: Kind, _ parts: [String]) {
        self.kind = kind
        text = ([kind.rawValue] + parts).joined(separator: ":")
    }

    /// ``Kind/retrievalWeight``, except that phone numbers and e-mail addresses weigh 1: a
    /// household or an employer shares them, so they say little more than a name does.
    public var retrievalWeight: Int {
        guard kind == .identifier,
            text.hasPrefix("id:\(IdentifierType.phone):") || text.hasPrefix("id:\(IdentifierType.email):")
        else { return kind.retrievalWeight }
        return 1
    }

    public var description: String { text }
    public static func < (a: BlockingKey, b: BlockingKey) -> Bool { a.text < b.text }
}

/// The blocking keys of a record: several independent keys, so that no single error hides a
/// true match (a duplicate is found when *any* key is shared).
///
/// Which key still catches a duplicate when one field is wrong:
/// - **Typo or OCR error in an identifier**: the name keys (`nm`, `nv`) and date keys
///   (`db`, `dy`). OCR confusions (0/O, 1/I/L, 5/S, 8/B) are folded inside `id` keys anyway.
/// - **Typo in a name**: `id`; `dy`/`dg` (year with one name's code and the other's prefix or
///   initial, so a typo in either part still meets when the year is known); `db` (date + initial of the family *or* given name, so a typo
///   in one name's first letter leaves the other); Double Metaphone absorbs most sound-alike
///   typos in `nm`; digits misread in names are repaired before encoding ("5mith" → smith).
/// - **Missing date of birth**: `id`, `nm`, `nv`. **Missing identifiers**: `nm`, `nv`, `db`, `dy`.
/// - **Day and month swapped**: `db` is also emitted with day and month exchanged; `nm`, `id`.
/// - **Other date typos, year off by one, partial dates**: `nm`, `nv`, `id`; `dy` when the year
///   is right but the day or month is not (or unknown); `dp` when any one date component is
///   wrong, even together with a name typo (it keeps only the initials of the names).
/// - **Given and family name swapped**: `nm` is emitted in both orders and `db` with both
///   initials, so crossed records share keys.
/// - **Nicknames and transliterations** (Bill/William; Mohammed/Muhammad): `nv` (variant group
///   of the given name), `db`, `id`; transliterations mostly share Double Metaphone codes.
/// - **Compound surnames** ("garcia lopez" vs "garcia"): `nm` per token and for the whole name.
/// - **Address changes**: addresses are not keys, so moving changes nothing.
/// - **Family members sharing address and surname**: no key uses the address, and `nm`/`db`
///   include the given name or the date, so households do not swell blocks; they meet only
///   where they should be scored and told apart.
/// - **Twins** (same date, same surname): they share `db` on purpose, so the scorer sees both
///   and the decision rule keeps them apart.
///
/// Names with no phonetic code and placeholder identifiers produce no keys: a key everyone
/// shares retrieves everyone. Storage should still cap a block's size and report keys that
/// exceed it (very common name codes, 1 January dates).
public func blockingKeys(for record: MatchRecord) -> [BlockingKey] {
    blockingKeys(for: PreparedRecord(record))
}

/// The blocking keys of a prepared record, sorted and without duplicates.
public func blockingKeys(for prepared: PreparedRecord) -> [BlockingKey] {
    var keys = Set<BlockingKey>()
    let record = prepared.record

    for id in prepared.identifiers where id.type != IdentifierType.schoolCode {
        let value = String(decoding: id.folded, as: UTF8.self)
        keys.insert(BlockingKey(.identifier, [id.type, id.issuer ?? "", value]))
        keys.insert(BlockingKey(.identifier, [id.type, "*", value]))
    }
    if let code = prepared.identifiers.first(where: { $0.type == IdentifierType.schoolCode }) {
        keys.insert(BlockingKey(.schoolCode, [code.valueString]))
    }
    guard record.kind == .person else {
        for name in prepared.names { insertNameKeys(family: name.family, given: nil, into: &keys) }
        return keys.sorted()
    }

    for name in prepared.names {
        insertNameKeys(family: name.family, given: name.given.tokens.first, into: &keys)
        if let date = record.dateOfBirth {
            insertDateKeys(date, name: name, into: &keys)
        }
    }
    return keys.sorted()
}

/// `nm` and `nv` keys: each family code (whole name and each token of a compound name) with
/// each code of the first given name, in both orders (search by family name alone reads the
/// `nm:<family code>:` range).
private func insertNameKeys(family: PreparedNamePart, given: PreparedToken?, into keys: inout Set<BlockingKey>) {
    var familyCodes: [String] = family.joined.codes.all
    if family.tokens.count > 1 {
        for token in family.tokens where !token.isInitial { familyCodes += token.codes.all }
    }
    guard let given else {
        // Organisations: the name alone.
        for f in familyCodes { keys.insert(BlockingKey(.name, [f, ""])) }
        return
    }
    for f in familyCodes {
        for g in given.codes.all where !given.isInitial {
            keys.insert(BlockingKey(.name, [f, g]))
            keys.insert(BlockingKey(.name, [g, f]))
        }
        for group in given.groups {
            keys.insert(BlockingKey(.nameVariant, [f, NameVariants.canonicalName(of: group)]))
        }
    }
}

/// `db` keys (complete dates, also day/month swapped, with either initial), `dp` and `dy` keys.
private func insertDateKeys(_ date: PartialDate, name: PreparedName, into keys: inout Set<BlockingKey>) {
    let initials = [name.family.tokens.first, name.given.tokens.first].compactMap { $0?.bytes.first }
        .map { String(UnicodeScalar($0)) }
    if let month = date.month, let day = date.day {
        var dates = [date]
        if day != month && day <= 12 { dates.append(PartialDate(year: date.year, month: day, day: month)) }
        for d in dates {
            for initial in Set(initials) { keys.insert(BlockingKey(.dateOfBirth, [d.description, initial])) }
        }
    }
    if let month = date.month, let day = date.day, initials.count == 2 {
        let pair = initials.sorted().joined()
        let y = String(date.year)
        let m = PartialDate.twoDigits(month)
        let d = PartialDate.twoDigits(day)
        for part in ["\(y)-\(m)-__", "\(y)-__-\(d)", "____-\(m)-\(d)"] {
            keys.insert(BlockingKey(.datePart, [part, pair]))
        }
    }
    let year = String(date.year)
    let givenCodes = name.given.tokens.first?.codes.all ?? []
    for f in name.family.joined.codes.all {
        for g in givenCodes {
            keys.insert(BlockingKey(.yearOfBirth, [year, f, String(g.prefix(2))]))
        }
    }
    if let familyInitial = name.family.tokens.first?.bytes.first {
        for g in givenCodes {
            keys.insert(BlockingKey(.yearGiven, [year, g, String(UnicodeScalar(familyInitial))]))
        }
    }
}
