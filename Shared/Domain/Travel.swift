/// Whether a travel event is an entry into or an exit from the country.
public enum TravelDirection: String, Sendable, Codable, Hashable, CaseIterable {
    case arrival
    case departure

    /// Reads `arrival`/`departure`, also `arr`/`dep`, `entry`/`exit`, `in`/`out`, any case.
    public init?(label: String) {
        switch Text.foldKey(label).key {
        case "arrival", "arr", "entry", "in", "a": self = .arrival
        case "departure", "dep", "exit", "out", "d": self = .departure
        default: return nil
        }
    }
}

/// Until when an admission lasts: a date, or "duration of status" (D/S), which students and
/// exchange visitors are admitted for and which has no date.
public enum AdmittedUntil: Sendable, Hashable, Codable {
    case date(PartialDate)
    case durationOfStatus

    private enum CodingKeys: String, CodingKey { case date, durationOfStatus }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if let date = try container.decodeIfPresent(PartialDate.self, forKey: .date) {
            self = .date(date)
        } else if try container.decodeIfPresent(Bool.self, forKey: .durationOfStatus) == true {
            self = .durationOfStatus
        } else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "Needs a date or durationOfStatus."))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .date(let date): try container.encode(date, forKey: .date)
        case .durationOfStatus: try container.encode(true, forKey: .durationOfStatus)
        }
    }
}

/// One arrival or departure, as the arrival/departure system reports it.
public struct TravelEvent: Sendable, Codable, Hashable {
    public var direction: TravelDirection
    public var date: PartialDate
    /// Three-character port-of-entry code, upper-cased.
    public var portCode: String?
    /// Class of admission (`B2`, `F1`, `H1B`), upper-cased without punctuation.
    public var classOfAdmission: String?
    public var admittedUntil: AdmittedUntil?
    public var provenance: Provenance

    public init(
        direction: TravelDirection, date: PartialDate, portCode: String? = nil, classOfAdmission: String? = nil,
        admittedUntil: AdmittedUntil? = nil, provenance: Provenance
    ) {
        self.direction = direction
        self.date = date
        self.portCode = portCode
        self.classOfAdmission = classOfAdmission
        self.admittedUntil = admittedUntil
        self.provenance = provenance
    }
}

/// One visa issuance and, if it happened, its revocation. The foil number, when known, is an
/// ``Identifier`` of type ``IdentifierType/visaFoil`` on the person.
public struct VisaRecord: Sendable, Codable, Hashable {
    /// Visa class (`F1`, `J1`, `H1B`), upper-cased without punctuation.
    public var visaClass: String?
    public var issuedOn: PartialDate?
    public var expiresOn: PartialDate?
    public var revokedOn: PartialDate?
    public var provenance: Provenance

    public init(
        visaClass: String?, issuedOn: PartialDate? = nil, expiresOn: PartialDate? = nil,
        revokedOn: PartialDate? = nil, provenance: Provenance
    ) {
        self.visaClass = visaClass
        self.issuedOn = issuedOn
        self.expiresOn = expiresOn
        self.revokedOn = revokedOn
        self.provenance = provenance
    }
}

/// Checks for the short codes of travel records.
enum TravelCodes {
    /// A class of admission or visa class: punctuation dropped (`H-1B` → `H1B`), 1-5 letters and
    /// digits, starting with a letter.
    static func admissionClass(_ raw: String) -> String? {
        guard let compact = Text.compactAlphanumeric(raw, removing: [.hyphen, .slash, .dot]),
            (1...5).contains(compact.count), let first = compact.first, first >= 0x41
        else { return nil }
        return String(decoding: compact, as: UTF8.self)
    }

    /// A port code: exactly three letters or digits, upper-cased.
    static func port(_ raw: String) -> String? {
        guard let compact = Text.compactAlphanumeric(raw, removing: []), compact.count == 3 else { return nil }
        return String(decoding: compact, as: UTF8.self)
    }

    /// Whether the text says "duration of status".
    static func isDurationOfStatus(_ raw: String) -> Bool {
        switch Text.foldKey(raw).key {
        case "d s", "ds", "duration of status": true
        default: false
        }
    }
}
