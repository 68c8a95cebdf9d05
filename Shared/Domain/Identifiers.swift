/// The kinds of identifying number a person can carry.
public enum IdentifierType: String, Sendable, Codable, Hashable, CaseIterable {
    /// Passport number; needs its issuing country.
    case passport
    /// Visa foil (the number printed on the visa itself).
    case visaFoil
    /// Alien registration number (A-number).
    case alienNumber
    /// US social security number.
    case ssn
    /// Driver's licence; needs its issuing US state.
    case driversLicence
    /// Student and exchange-visitor programme ID (SEVIS-like): `N` and 10 digits.
    case studentProgrammeID
    /// Fingerprint identification number (FIN): 10 digits.
    case fingerprintID
    /// Arrival/departure record (I-94) admission number: 11 letters and digits.
    case admissionNumber

    /// How many different values of this type (from one issuer) one person can legitimately have.
    public enum Multiplicity: String, Sendable, Codable, Hashable {
        /// One for life: two different values are an error (`identifier.conflicting`).
        case one
        /// A few over a lifetime, replacing each other: two values are a warning
        /// (`identifier.multiple-values`) and both are kept.
        case fewOverTime
        /// One per event (each visa, each admission): any number, no warning.
        case many
    }

    /// SSN, A-number and FIN are one per person; passports, driver's licences and student
    /// programme IDs are re-issued over time by the same issuer; visa foils and admission
    /// numbers come with every visa and every entry.
    public var multiplicity: Multiplicity {
        switch self {
        case .ssn, .alienNumber, .fingerprintID: .one
        case .passport, .driversLicence, .studentProgrammeID: .fewOverTime
        case .visaFoil, .admissionNumber: .many
        }
    }

    /// Reads a type label as sources write it: the raw value in any case, or a common synonym
    /// (`A-Number`, `ARN`, `SEVIS`, `FIN`, `I-94`, `DL`, `driver's license`, `social security number`).
    public init?(label: String) {
        let key = Text.labelKey(label)
        guard let type = Self.labels[key] else { return nil }
        self = type
    }

    private static let labels: [String: IdentifierType] = {
        var map: [String: IdentifierType] = [:]
        for type in IdentifierType.allCases { map[type.rawValue.lowercased()] = type }
        let synonyms: [IdentifierType: [String]] = [
            .passport: ["passportnumber", "passportno", "ppt"],
            .visaFoil: ["visa", "visafoilnumber", "visanumber", "foil", "foilnumber"],
            .alienNumber: ["anumber", "alienregistrationnumber", "arn", "aliennumber", "alienno"],
            .ssn: ["socialsecuritynumber", "socialsecurity"],
            .driversLicence: [
                "driverslicense", "driverlicence", "driverlicense", "dl", "driverslicencenumber",
                "driverslicensenumber",
            ],
            .studentProgrammeID: ["studentprogramid", "sevis", "sevisid", "sevisnumber"],
            .fingerprintID: ["fin", "fingerprintidentificationnumber", "fingerprintnumber"],
            .admissionNumber: ["i94", "i94number", "admission", "i94admissionnumber"],
        ]
        for (type, names) in synonyms {
            for name in names { map[name] = type }
        }
        return map
    }()

    /// Normalises a value of this type.
    ///
    /// Rules (after trimming; spaces and hyphens inside are ignored unless said otherwise):
    /// - `ssn`: 9 digits, bare or as `NNN-NN-NNNN`/`NNN NN NNNN`; area 000, 666 and 900-999,
    ///   group 00 and serial 0000 are never issued. Normalised to the 9 digits.
    /// - `alienNumber`: optional `A` prefix, 7-9 digits, not all zeros; normalised to 9 digits
    ///   with leading zeros (`A12345678` → `012345678`). More than 9 digits is rejected even when
    ///   the extra digits are zeros: the number cannot be known to be the same.
    /// - `passport`: 5-20 letters and digits with at least one digit (rules out `NONE`,
    ///   `UNKNOWN`), not all zeros; upper-cased.
    /// - `visaFoil`: 8-12 letters and digits with at least one digit; upper-cased.
    /// - `studentProgrammeID`: `N` and 10 digits; upper-cased.
    /// - `fingerprintID`: 10 digits, not all zeros.
    /// - `admissionNumber`: 11 letters and digits (legacy all-digit and current digit-letter-digit
    ///   forms), not all zeros; upper-cased.
    /// - `driversLicence`: 4-20 letters and digits; upper-cased (states' formats differ too much
    ///   to check further).
    /// - Returns: the normalised value, or a rejection with the type's codes (an SSN can fail
    ///   area, group and serial at once and gets all three).
    public func normalise(_ raw: String) -> Result<String, FieldRejection> {
        switch self {
        case .ssn: IdentifierRules.ssn(raw)
        case .alienNumber: IdentifierRules.alienNumber(raw)
        case .passport:
            IdentifierRules.alphanumeric(raw, lengths: 5...20, needsDigit: true, code: .passportInvalidFormat)
        case .visaFoil:
            IdentifierRules.alphanumeric(raw, lengths: 8...12, needsDigit: true, code: .visaFoilInvalidFormat)
        case .driversLicence:
            IdentifierRules.alphanumeric(raw, lengths: 4...20, needsDigit: false, code: .driversLicenceInvalidFormat)
        case .admissionNumber:
            IdentifierRules.alphanumeric(raw, lengths: 11...11, needsDigit: true, code: .admissionNumberInvalidFormat)
        case .fingerprintID: IdentifierRules.digits(raw, count: 10, code: .fingerprintIDInvalidFormat)
        case .studentProgrammeID: IdentifierRules.studentProgrammeID(raw)
        }
    }
}

/// One identifying number of a person.
///
/// Two identifiers are the same fact when ``type``, ``value``, ``issuingCountry`` and
/// ``issuingState`` agree (see ``sameIdentity(as:)``); `raw` and `provenance` record how and
/// from whom it came.
public struct Identifier: Sendable, Codable, Hashable {
    public var type: IdentifierType
    /// The normalised value (see ``IdentifierType/normalise(_:)``).
    public var value: String
    /// The value exactly as received.
    public var raw: String
    /// Required for passports; optional and checked for other types.
    public var issuingCountry: CountryCode?
    /// USPS code of the issuing state; required for driver's licences.
    public var issuingState: String?
    public var provenance: Provenance

    /// `type:value`: how services find the leads an arrival/departure update is about (the
    /// issuer is left out, because that system does not always send it).
    public var lookupKey: String { "\(type.rawValue):\(value)" }

    public init(
        type: IdentifierType, value: String, raw: String, issuingCountry: CountryCode? = nil,
        issuingState: String? = nil, provenance: Provenance
    ) {
        self.type = type
        self.value = value
        self.raw = raw
        self.issuingCountry = issuingCountry
        self.issuingState = issuingState
        self.provenance = provenance
    }

    /// Whether both name the same number from the same issuer, whatever the source.
    public func sameIdentity(as other: Identifier) -> Bool {
        type == other.type && value == other.value && issuingCountry == other.issuingCountry
            && issuingState == other.issuingState
    }

    /// Type and issuer: the scope in which a person holds one (or a few) values.
    var issuerKey: IssuerKey { IssuerKey(type: type, issuingCountry: issuingCountry, issuingState: issuingState) }

    struct IssuerKey: Hashable {
        var type: IdentifierType
        var issuingCountry: CountryCode?
        var issuingState: String?
    }
}

/// The byte-level checks behind ``IdentifierType/normalise(_:)``.
enum IdentifierRules {
    private static func trimmedBytes(_ raw: String) -> ArraySlice<UInt8> {
        let bytes = Array(raw.utf8)
        let start = bytes.firstIndex { !Text.isASCIIWhitespace($0) } ?? bytes.endIndex
        let end = bytes.lastIndex { !Text.isASCIIWhitespace($0) }.map { $0 + 1 } ?? start
        return bytes[start..<max(start, end)]
    }

    @inline(__always)
    private static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

    private static func number(_ digits: ArraySlice<UInt8>) -> Int {
        digits.reduce(0) { $0 * 10 + Int($1 - 0x30) }
    }

    static func ssn(_ raw: String) -> Result<String, FieldRejection> {
        let bytes = trimmedBytes(raw)
        let digits: [UInt8]
        if bytes.count == 9 && bytes.allSatisfy(isDigit) {
            digits = Array(bytes)
        } else if bytes.count == 11 {
            let b = Array(bytes)
            let separator = b[3]
            guard separator == 0x2D || separator == 0x20, b[6] == separator else {
                return .failure(FieldRejection(.ssnInvalidFormat))
            }
            digits = Array(b[0..<3] + b[4..<6] + b[7..<11])
            guard digits.allSatisfy(isDigit) else { return .failure(FieldRejection(.ssnInvalidFormat)) }
        } else {
            return .failure(FieldRejection(.ssnInvalidFormat))
        }
        let area = number(digits[0..<3])
        var problems: [ProblemCode] = []
        if area == 0 || area == 666 || area >= 900 { problems.append(.ssnInvalidArea) }
        if number(digits[3..<5]) == 0 { problems.append(.ssnInvalidGroup) }
        if number(digits[5..<9]) == 0 { problems.append(.ssnInvalidSerial) }
        if !problems.isEmpty { return .failure(FieldRejection(problems)) }
        return .success(String(decoding: digits, as: UTF8.self))
    }

    static func alienNumber(_ raw: String) -> Result<String, FieldRejection> {
        guard var compact = Text.compactAlphanumeric(raw) else {
            return .failure(FieldRejection(.alienNumberInvalidFormat))
        }
        if compact.first == 0x41 { compact.removeFirst() }  // "A"
        guard compact.allSatisfy(isDigit) else { return .failure(FieldRejection(.alienNumberInvalidFormat)) }
        guard (7...9).contains(compact.count) else { return .failure(FieldRejection(.alienNumberInvalidLength)) }
        guard compact.contains(where: { $0 != 0x30 }) else {
            return .failure(FieldRejection(.alienNumberInvalidFormat))
        }
        let padded = [UInt8](repeating: 0x30, count: 9 - compact.count) + compact
        return .success(String(decoding: padded, as: UTF8.self))
    }

    static func alphanumeric(_ raw: String, lengths: ClosedRange<Int>, needsDigit: Bool, code: ProblemCode)
        -> Result<String, FieldRejection>
    {
        guard let compact = Text.compactAlphanumeric(raw), lengths.contains(compact.count),
            !needsDigit || compact.contains(where: isDigit),
            compact.contains(where: { $0 != 0x30 })
        else { return .failure(FieldRejection(code)) }
        return .success(String(decoding: compact, as: UTF8.self))
    }

    static func digits(_ raw: String, count: Int, code: ProblemCode) -> Result<String, FieldRejection> {
        guard let compact = Text.compactAlphanumeric(raw), compact.count == count, compact.allSatisfy(isDigit),
            compact.contains(where: { $0 != 0x30 })
        else { return .failure(FieldRejection(code)) }
        return .success(String(decoding: compact, as: UTF8.self))
    }

    static func studentProgrammeID(_ raw: String) -> Result<String, FieldRejection> {
        guard let compact = Text.compactAlphanumeric(raw), compact.count == 11, compact.first == 0x4E,  // "N"
            compact.dropFirst().allSatisfy(isDigit)
        else { return .failure(FieldRejection(.studentProgrammeIDInvalidFormat)) }
        return .success(String(decoding: compact, as: UTF8.self))
    }
}
