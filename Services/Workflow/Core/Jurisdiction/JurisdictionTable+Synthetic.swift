extension JurisdictionTable {
    /// A default table of invented offices by region, for development, tests and demos. Not
    /// an agency's real areas of responsibility: production loads its own table from YAML.
    ///
    /// | office | states |
    /// |---|---|
    /// | FO00 — National Intake (default) | military post codes AA, AE, AP; anything unmatched |
    /// | FO01 — Northeast | CT, MA, ME, NH, NJ, NY, PA, RI, VT |
    /// | FO02 — Mid-Atlantic | DC, DE, MD, VA, WV |
    /// | FO03 — Southeast | AL, FL, GA, KY, MS, NC, SC, TN, PR, VI |
    /// | FO04 — Great Lakes | IL, IN, MI, MN, OH, WI |
    /// | FO05 — Central | AR, IA, KS, LA, MO, ND, NE, OK, SD |
    /// | FO06 — Southwest | AZ, NM, TX |
    /// | FO07 — Mountain | CO, ID, MT, NV, UT, WY |
    /// | FO08 — Pacific | AK, CA, HI, OR, WA, AS, FM, GU, MH, MP, PW |
    ///
    /// It has no ZIP entries: those are for local exceptions a real table adds.
    public static let synthetic: JurisdictionTable = {
        let regions: [(String, String, [String])] = [
            ("FO01", "Northeast", ["CT", "MA", "ME", "NH", "NJ", "NY", "PA", "RI", "VT"]),
            ("FO02", "Mid-Atlantic", ["DC", "DE", "MD", "VA", "WV"]),
            ("FO03", "Southeast", ["AL", "FL", "GA", "KY", "MS", "NC", "SC", "TN", "PR", "VI"]),
            ("FO04", "Great Lakes", ["IL", "IN", "MI", "MN", "OH", "WI"]),
            ("FO05", "Central", ["AR", "IA", "KS", "LA", "MO", "ND", "NE", "OK", "SD"]),
            ("FO06", "Southwest", ["AZ", "NM", "TX"]),
            ("FO07", "Mountain", ["CO", "ID", "MT", "NV", "UT", "WY"]),
            ("FO08", "Pacific", ["AK", "CA", "HI", "OR", "WA", "AS", "FM", "GU", "MH", "MP", "PW"]),
        ]
        let offices =
            [FieldOffice(id: "FO00", name: "Field Office 00 — National Intake")]
            + regions.map { id, region, _ in FieldOffice(id: id, name: "Field Office \(id.dropFirst(2)) — \(region)") }
        let entries = regions.flatMap { id, _, states in states.map { JurisdictionEntry(.state($0), officeID: id) } }
        return try! JurisdictionTable(offices: offices, defaultOfficeID: "FO00", entries: entries)
    }()
}
