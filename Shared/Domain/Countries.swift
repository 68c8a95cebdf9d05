/// A country as an ISO 3166-1 alpha-3 code (`USA`, `DEU`), the form every service compares.
///
/// The table holds all 249 ISO 3166-1 entries plus the codes travel documents use beyond ISO
/// (ICAO Doc 9303): `XKX` Kosovo, `XXA` stateless, `XXB` and `XXC` refugee, `XXX` unspecified.
/// Encodes as the bare alpha-3 string; decoding rejects codes not in the table.
public struct CountryCode: RawRepresentable, Sendable, Codable, Hashable, Comparable, CustomStringConvertible {
    /// The alpha-3 code, upper case.
    public let rawValue: String

    /// Accepts exactly an upper-case alpha-3 code from the table. Use ``parse(_:)`` for input.
    public init?(rawValue: String) {
        guard CountryTable.indexByAlpha3[rawValue] != nil else { return nil }
        self.rawValue = rawValue
    }

    private init(known alpha3: String) { self.rawValue = alpha3 }

    public var alpha3: String { rawValue }
    /// The alpha-2 code; empty for the ICAO codes that have none (`XXA`, `XXB`, `XXC`, `XXX`).
    public var alpha2: String { entry.alpha2 }
    /// The ISO English short name.
    public var name: String { entry.name }
    public var description: String { rawValue }

    private var entry: CountryTable.Entry {
        // Every CountryCode is built from the table, so the index exists.
        CountryTable.entries[CountryTable.indexByAlpha3[rawValue] ?? 0]
    }

    public static func < (lhs: CountryCode, rhs: CountryCode) -> Bool { lhs.rawValue < rhs.rawValue }

    public static let unitedStates = CountryCode(known: "USA")

    /// Every known country, in table order (ISO entries first, then the ICAO extensions).
    public static let all: [CountryCode] = CountryTable.entries.map { CountryCode(known: $0.alpha3) }

    /// Reads a country as sources write it: alpha-3, alpha-2, the ISO English short name, or a
    /// common variant (`USA`, `United States`, `UK`, `Great Britain`, `Russia`, `South Korea`,
    /// `Ivory Coast`, `Burma`, ...), in any case, with or without diacritics and punctuation
    /// (`Cote d'Ivoire`, `U.S.A.`). A name that is ambiguous (`Korea`, `Congo` alone names the
    /// Republic of the Congo as ISO does) or unknown gives `nil`: guessing could link wrongly.
    public static func parse(_ text: String) -> CountryCode? {
        let key = Text.foldKey(text).key
        guard let alpha3 = CountryTable.alpha3ByKey[key] else { return nil }
        return CountryCode(known: alpha3)
    }

    /// Whether addresses in this country use US postal rules (USPS state codes, ZIP codes):
    /// the United States and its inhabited territories.
    public var usesUSPostalRules: Bool {
        switch rawValue {
        case "USA", "PRI", "GUM", "VIR", "ASM", "MNP": true
        default: false
        }
    }

    /// The USPS state code of a US territory that ISO lists as a country (PRI → PR).
    var uspsTerritoryCode: String? {
        switch rawValue {
        case "PRI": "PR"
        case "GUM": "GU"
        case "VIR": "VI"
        case "ASM": "AS"
        case "MNP": "MP"
        default: nil
        }
    }
}

/// The country table and its lookup indexes, built once on first use.
enum CountryTable {
    struct Entry: Sendable {
        let alpha2: String
        let alpha3: String
        let name: String
    }

    static let entries: [Entry] = isoTable.split(separator: "\n").map { line in
        let alpha2 = line.prefix(2)
        let alpha3 = line.dropFirst(3).prefix(3)
        let name = line.dropFirst(7)
        return Entry(alpha2: alpha2 == "--" ? "" : String(alpha2), alpha3: String(alpha3), name: String(name))
    }

    static let indexByAlpha3: [String: Int] = Dictionary(
        uniqueKeysWithValues: entries.enumerated().map { ($1.alpha3, $0) })

    /// Folded key → alpha-3. Precedence: codes, ISO names, explicit variants, then the part of
    /// an ISO name before a bracket or comma ("Bolivia") when no other entry claims it.
    static let alpha3ByKey: [String: String] = {
        var map: [String: String] = [:]
        for entry in entries {
            map[Text.lowercased(entry.alpha3)] = entry.alpha3
            if !entry.alpha2.isEmpty { map[Text.lowercased(entry.alpha2)] = entry.alpha3 }
        }
        for entry in entries {
            let key = Text.foldKey(entry.name).key
            if map[key] == nil { map[key] = entry.alpha3 }
        }
        for line in variants.split(separator: "\n") {
            let alpha3 = String(line.prefix(3))
            for name in line.dropFirst(4).split(separator: "|") {
                let key = Text.foldKey(String(name)).key
                if map[key] == nil { map[key] = alpha3 }
            }
        }
        var shortNames: [String: String?] = [:]
        for entry in entries {
            guard let cut = entry.name.firstIndex(where: { $0 == "(" || $0 == "," }) else { continue }
            let key = Text.foldKey(String(entry.name[..<cut])).key
            guard map[key] == nil else { continue }
            // A short name two entries share (Virgin Islands, Korea) is ambiguous: drop it.
            shortNames[key] = shortNames[key] == nil ? entry.alpha3 : .some(nil)
        }
        for case (let key, let alpha3?) in shortNames { map[key] = alpha3 }
        return map
    }()

    /// Common names and variants not in the ISO short names, one country per line.
    private static let variants = """
        USA United States|United States of America|US|U.S.|U.S.A.
        GBR United Kingdom|UK|U.K.|Great Britain|Britain|England|Scotland|Wales|Northern Ireland
        RUS Russia
        KOR South Korea|Republic of Korea|Korea, South|Korea South|ROK
        PRK North Korea|Korea, North|Korea North|DPRK|Democratic People's Republic of Korea
        CIV Ivory Coast|Cote d'Ivoire
        IRN Iran|Islamic Republic of Iran
        SYR Syria
        LAO Laos|Lao PDR
        VNM Vietnam|Viet-Nam
        CZE Czech Republic
        SWZ Swaziland
        MKD Macedonia|Republic of North Macedonia
        TUR Turkey|Turkiye
        MMR Burma
        CPV Cape Verde
        TLS East Timor
        BRN Brunei
        COD Democratic Republic of the Congo|DR Congo|DRC|Congo-Kinshasa|Congo Kinshasa|Zaire
        COG Republic of the Congo|Congo-Brazzaville|Congo Brazzaville
        VAT Vatican|Vatican City|Vatican City State
        FSM Micronesia|Federated States of Micronesia
        PSE Palestine|Palestinian Territories
        TWN Taiwan|Republic of China
        TZA Tanzania
        MDA Moldova|Republic of Moldova
        BOL Bolivia
        VEN Venezuela
        NLD Holland|The Netherlands
        BHS The Bahamas
        GMB The Gambia
        ARE UAE|Emirates
        BIH Bosnia|Bosnia-Herzegovina
        MAC Macau
        HKG Hong Kong SAR
        CHN People's Republic of China|PRC|Mainland China
        DEU D|West Germany
        VIR US Virgin Islands|U.S. Virgin Islands
        VGB British Virgin Islands
        KNA Saint Kitts|St Kitts and Nevis|St. Kitts and Nevis
        LCA St Lucia|St. Lucia
        VCT St Vincent and the Grenadines|St. Vincent and the Grenadines|Saint Vincent
        FLK Falkland Islands|Falklands
        XKX Kosovo
        """

    /// ISO 3166-1: alpha-2, alpha-3, English short name; then the ICAO Doc 9303 extensions.
    private static let isoTable = """
        AF AFG Afghanistan
        AX ALA Åland Islands
        AL ALB Albania
        DZ DZA Algeria
        AS ASM American Samoa
        AD AND Andorra
        AO AGO Angola
        AI AIA Anguilla
        AQ ATA Antarctica
        AG ATG Antigua and Barbuda
        AR ARG Argentina
        AM ARM Armenia
        AW ABW Aruba
        AU AUS Australia
        AT AUT Austria
        AZ AZE Azerbaijan
        BS BHS Bahamas
        BH BHR Bahrain
        BD BGD Bangladesh
        BB BRB Barbados
        BY BLR Belarus
        BE BEL Belgium
        BZ BLZ Belize
        BJ BEN Benin
        BM BMU Bermuda
        BT BTN Bhutan
        BO BOL Bolivia (Plurinational State of)
        BQ BES Bonaire, Sint Eustatius and Saba
        BA BIH Bosnia and Herzegovina
        BW BWA Botswana
        BV BVT Bouvet Island
        BR BRA Brazil
        IO IOT British Indian Ocean Territory
        BN BRN Brunei Darussalam
        BG BGR Bulgaria
        BF BFA Burkina Faso
        BI BDI Burundi
        CV CPV Cabo Verde
        KH KHM Cambodia
        CM CMR Cameroon
        CA CAN Canada
        KY CYM Cayman Islands
        CF CAF Central African Republic
        TD TCD Chad
        CL CHL Chile
        CN CHN China
        CX CXR Christmas Island
        CC CCK Cocos (Keeling) Islands
        CO COL Colombia
        KM COM Comoros
        CG COG Congo
        CD COD Congo, Democratic Republic of the
        CK COK Cook Islands
        CR CRI Costa Rica
        CI CIV Côte d'Ivoire
        HR HRV Croatia
        CU CUB Cuba
        CW CUW Curaçao
        CY CYP Cyprus
        CZ CZE Czechia
        DK DNK Denmark
        DJ DJI Djibouti
        DM DMA Dominica
        DO DOM Dominican Republic
        EC ECU Ecuador
        EG EGY Egypt
        SV SLV El Salvador
        GQ GNQ Equatorial Guinea
        ER ERI Eritrea
        EE EST Estonia
        SZ SWZ Eswatini
        ET ETH Ethiopia
        FK FLK Falkland Islands (Malvinas)
        FO FRO Faroe Islands
        FJ FJI Fiji
        FI FIN Finland
        FR FRA France
        GF GUF French Guiana
        PF PYF French Polynesia
        TF ATF French Southern Territories
        GA GAB Gabon
        GM GMB Gambia
        GE GEO Georgia
        DE DEU Germany
        GH GHA Ghana
        GI GIB Gibraltar
        GR GRC Greece
        GL GRL Greenland
        GD GRD Grenada
        GP GLP Guadeloupe
        GU GUM Guam
        GT GTM Guatemala
        GG GGY Guernsey
        GN GIN Guinea
        GW GNB Guinea-Bissau
        GY GUY Guyana
        HT HTI Haiti
        HM HMD Heard Island and McDonald Islands
        VA VAT Holy See
        HN HND Honduras
        HK HKG Hong Kong
        HU HUN Hungary
        IS ISL Iceland
        IN IND India
        ID IDN Indonesia
        IR IRN Iran (Islamic Republic of)
        IQ IRQ Iraq
        IE IRL Ireland
        IM IMN Isle of Man
        IL ISR Israel
        IT ITA Italy
        JM JAM Jamaica
        JP JPN Japan
        JE JEY Jersey
        JO JOR Jordan
        KZ KAZ Kazakhstan
        KE KEN Kenya
        KI KIR Kiribati
        KP PRK Korea (Democratic People's Republic of)
        KR KOR Korea, Republic of
        KW KWT Kuwait
        KG KGZ Kyrgyzstan
        LA LAO Lao People's Democratic Republic
        LV LVA Latvia
        LB LBN Lebanon
        LS LSO Lesotho
        LR LBR Liberia
        LY LBY Libya
        LI LIE Liechtenstein
        LT LTU Lithuania
        LU LUX Luxembourg
        MO MAC Macao
        MG MDG Madagascar
        MW MWI Malawi
        MY MYS Malaysia
        MV MDV Maldives
        ML MLI Mali
        MT MLT Malta
        MH MHL Marshall Islands
        MQ MTQ Martinique
        MR MRT Mauritania
        MU MUS Mauritius
        YT MYT Mayotte
        MX MEX Mexico
        FM FSM Micronesia (Federated States of)
        MD MDA Moldova, Republic of
        MC MCO Monaco
        MN MNG Mongolia
        ME MNE Montenegro
        MS MSR Montserrat
        MA MAR Morocco
        MZ MOZ Mozambique
        MM MMR Myanmar
        NA NAM Namibia
        NR NRU Nauru
        NP NPL Nepal
        NL NLD Netherlands
        NC NCL New Caledonia
        NZ NZL New Zealand
        NI NIC Nicaragua
        NE NER Niger
        NG NGA Nigeria
        NU NIU Niue
        NF NFK Norfolk Island
        MK MKD North Macedonia
        MP MNP Northern Mariana Islands
        NO NOR Norway
        OM OMN Oman
        PK PAK Pakistan
        PW PLW Palau
        PS PSE Palestine, State of
        PA PAN Panama
        PG PNG Papua New Guinea
        PY PRY Paraguay
        PE PER Peru
        PH PHL Philippines
        PN PCN Pitcairn
        PL POL Poland
        PT PRT Portugal
        PR PRI Puerto Rico
        QA QAT Qatar
        RE REU Réunion
        RO ROU Romania
        RU RUS Russian Federation
        RW RWA Rwanda
        BL BLM Saint Barthélemy
        SH SHN Saint Helena, Ascension and Tristan da Cunha
        KN KNA Saint Kitts and Nevis
        LC LCA Saint Lucia
        MF MAF Saint Martin (French part)
        PM SPM Saint Pierre and Miquelon
        VC VCT Saint Vincent and the Grenadines
        WS WSM Samoa
        SM SMR San Marino
        ST STP Sao Tome and Principe
        SA SAU Saudi Arabia
        SN SEN Senegal
        RS SRB Serbia
        SC SYC Seychelles
        SL SLE Sierra Leone
        SG SGP Singapore
        SX SXM Sint Maarten (Dutch part)
        SK SVK Slovakia
        SI SVN Slovenia
        SB SLB Solomon Islands
        SO SOM Somalia
        ZA ZAF South Africa
        GS SGS South Georgia and the South Sandwich Islands
        SS SSD South Sudan
        ES ESP Spain
        LK LKA Sri Lanka
        SD SDN Sudan
        SR SUR Suriname
        SJ SJM Svalbard and Jan Mayen
        SE SWE Sweden
        CH CHE Switzerland
        SY SYR Syrian Arab Republic
        TW TWN Taiwan, Province of China
        TJ TJK Tajikistan
        TZ TZA Tanzania, United Republic of
        TH THA Thailand
        TL TLS Timor-Leste
        TG TGO Togo
        TK TKL Tokelau
        TO TON Tonga
        TT TTO Trinidad and Tobago
        TN TUN Tunisia
        TR TUR Türkiye
        TM TKM Turkmenistan
        TC TCA Turks and Caicos Islands
        TV TUV Tuvalu
        UG UGA Uganda
        UA UKR Ukraine
        AE ARE United Arab Emirates
        GB GBR United Kingdom of Great Britain and Northern Ireland
        US USA United States of America
        UM UMI United States Minor Outlying Islands
        UY URY Uruguay
        UZ UZB Uzbekistan
        VU VUT Vanuatu
        VE VEN Venezuela (Bolivarian Republic of)
        VN VNM Viet Nam
        VG VGB Virgin Islands (British)
        VI VIR Virgin Islands (U.S.)
        WF WLF Wallis and Futuna
        EH ESH Western Sahara
        YE YEM Yemen
        ZM ZMB Zambia
        ZW ZWE Zimbabwe
        XK XKX Kosovo
        -- XXA Stateless person
        -- XXB Refugee (1951 Convention)
        -- XXC Refugee (other)
        -- XXX Unspecified nationality
        """

    /// How many leading entries are ISO 3166-1 proper.
    static let isoCount = 249
}
