/// A postal address with the period it was valid.
///
/// Text is NFC, whitespace-collapsed and upper-cased (the USPS Publication 28 convention, which
/// also makes addresses compare equal regardless of the source's capitalisation). For countries
/// with US postal rules (``CountryCode/usesUSPostalRules``) ``state`` is the USPS code and the ZIP
/// code is split into ``zip5`` and ``zip4``; elsewhere the source's region and postal code are
/// kept in ``region`` and ``postalCode``.
public struct PostalAddress: Sendable, Codable, Hashable {
    /// Street lines, at most four.
    public var lines: [String]
    public var city: String?
    /// USPS state or territory code (`NY`, `PR`, `AE`), US addresses only.
    public var state: String?
    public var zip5: String?
    public var zip4: String?
    /// State, province or region outside US postal rules, as received (cleaned).
    public var region: String?
    /// Postal code outside US postal rules, as received (cleaned, upper-cased).
    public var postalCode: String?
    public var country: CountryCode
    public var validFrom: PartialDate?
    public var validTo: PartialDate?
    public var provenance: Provenance

    public init(
        lines: [String], city: String?, state: String? = nil, zip5: String? = nil, zip4: String? = nil,
        region: String? = nil, postalCode: String? = nil, country: CountryCode, validFrom: PartialDate? = nil,
        validTo: PartialDate? = nil, provenance: Provenance
    ) {
        self.lines = lines
        self.city = city
        self.state = state
        self.zip5 = zip5
        self.zip4 = zip4
        self.region = region
        self.postalCode = postalCode
        self.country = country
        self.validFrom = validFrom
        self.validTo = validTo
        self.provenance = provenance
    }

    /// Whether both name the same place for the same period, whatever the source.
    public func samePlace(as other: PostalAddress) -> Bool {
        lines == other.lines && city == other.city && state == other.state && zip5 == other.zip5
            && zip4 == other.zip4 && region == other.region && postalCode == other.postalCode
            && country == other.country && validFrom == other.validFrom && validTo == other.validTo
    }
}

/// US postal rules: USPS state codes and ZIP codes.
public enum USPostal {
    /// A ZIP code: five digits and the optional four-digit add-on.
    public struct ZIPCode: Sendable, Hashable {
        public var zip5: String
        public var zip4: String?
    }

    /// Reads a USPS state or territory as sources write it: the two-letter code or the full
    /// name, any case (`ny`, `New York`, `District of Columbia`, `Washington DC`, `Puerto Rico`,
    /// `Armed Forces Europe`).
    /// - Returns: the two-letter code, or `nil` if it is neither.
    public static func stateCode(_ text: String) -> String? {
        stateByKey[Text.foldKey(text).key]
    }

    /// All USPS codes for states, DC, territories, freely associated states and military
    /// post offices.
    public static var stateCodes: Set<String> { Set(stateByKey.values) }

    /// Reads a ZIP code: `12345`, `12345-6789`, `12345 6789` or `123456789`. `00000` is not a ZIP.
    /// - Returns: the parts, or a rejection with `zip.invalid`.
    public static func zip(_ text: String) -> Result<ZIPCode, FieldRejection> {
        var digits: [UInt8] = []
        var separators = 0
        var separatorAt = -1
        for b in text.utf8 {
            switch b {
            case 0x30...0x39: digits.append(b)
            case 0x2D, 0x20:
                if digits.isEmpty { continue }  // leading space
                separators += 1
                separatorAt = digits.count
            default:
                if Text.isASCIIWhitespace(b) { continue }
                return .failure(FieldRejection(.zipInvalid))
            }
        }
        // Trailing whitespace counts as a separator after nine or five digits; ignore it then.
        if separatorAt == digits.count { separators -= 1 }
        let valid =
            (digits.count == 5 && separators == 0)
            || (digits.count == 9 && (separators == 0 || (separators == 1 && separatorAt == 5)))
        guard valid, digits.prefix(5).contains(where: { $0 != 0x30 }) else {
            return .failure(FieldRejection(.zipInvalid))
        }
        let zip5 = String(decoding: digits.prefix(5), as: UTF8.self)
        let zip4 = digits.count == 9 ? String(decoding: digits.suffix(4), as: UTF8.self) : nil
        return .success(ZIPCode(zip5: zip5, zip4: zip4))
    }

    private static let stateByKey: [String: String] = {
        var map: [String: String] = [:]
        for line in states.split(separator: "\n") {
            let code = String(line.prefix(2))
            map[Text.lowercased(code)] = code
            for name in line.dropFirst(3).split(separator: "|") { map[Text.foldKey(String(name)).key] = code }
        }
        return map
    }()

    private static let states = """
        AL Alabama
        AK Alaska
        AZ Arizona
        AR Arkansas
        CA California
        CO Colorado
        CT Connecticut
        DE Delaware
        DC District of Columbia|Washington DC|Washington D.C.
        FL Florida
        GA Georgia
        HI Hawaii
        ID Idaho
        IL Illinois
        IN Indiana
        IA Iowa
        KS Kansas
        KY Kentucky
        LA Louisiana
        ME Maine
        MD Maryland
        MA Massachusetts
        MI Michigan
        MN Minnesota
        MS Mississippi
        MO Missouri
        MT Montana
        NE Nebraska
        NV Nevada
        NH New Hampshire
        NJ New Jersey
        NM New Mexico
        NY New York
        NC North Carolina
        ND North Dakota
        OH Ohio
        OK Oklahoma
        OR Oregon
        PA Pennsylvania
        RI Rhode Island
        SC South Carolina
        SD South Dakota
        TN Tennessee
        TX Texas
        UT Utah
        VT Vermont
        VA Virginia
        WA Washington
        WV West Virginia
        WI Wisconsin
        WY Wyoming
        AS American Samoa
        GU Guam
        MP Northern Mariana Islands
        PR Puerto Rico
        VI Virgin Islands|US Virgin Islands|U.S. Virgin Islands
        FM Federated States of Micronesia|Micronesia
        MH Marshall Islands
        PW Palau
        AA Armed Forces Americas
        AE Armed Forces Europe|Armed Forces Africa|Armed Forces Canada|Armed Forces Middle East
        AP Armed Forces Pacific
        """
}
