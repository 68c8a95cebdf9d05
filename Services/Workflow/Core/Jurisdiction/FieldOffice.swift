/// An office that receives referrals for its area.
public struct FieldOffice: Sendable, Codable, Hashable {
    /// A short stable identifier (`FO01`): letters, digits, `-` and `_`. Stored with referrals.
    public var id: String
    /// The display name (`Field Office 01 — Northeast`).
    public var name: String

    public init(id: String, name: String) {
        self.id = id
        self.name = name
    }
}

/// An area a jurisdiction entry covers, from most to least specific.
public enum JurisdictionArea: Sendable, Codable, Hashable {
    /// One five-digit ZIP code: `"02134"`.
    case zip5(String)
    /// Every ZIP code starting with these three digits (a sectional centre): `"021"`.
    case zip3(String)
    /// A USPS state, territory or military code: `"MA"`.
    case state(String)

    /// Where the entry lives in the YAML form: `zip5.02134`, `zip3.021`, `states.MA`.
    public var keyPath: String {
        switch self {
        case .zip5(let zip): "zip5.\(zip)"
        case .zip3(let prefix): "zip3.\(prefix)"
        case .state(let code): "states.\(code)"
        }
    }
}

/// One line of the table: an area and the office responsible for it.
public struct JurisdictionEntry: Sendable, Codable, Hashable {
    public var area: JurisdictionArea
    public var officeID: String

    public init(_ area: JurisdictionArea, officeID: String) {
        self.area = area
        self.officeID = officeID
    }
}

/// The office found for an address and what matched, for the referral's explanation.
public struct JurisdictionMatch: Sendable, Codable, Hashable {
    public enum Level: String, Sendable, Codable, Hashable, CaseIterable {
        case zip5, zip3, state
        /// Nothing matched (no usable state or ZIP, or an area without an entry).
        case `default`
    }

    public var office: FieldOffice
    public var level: Level

    public init(office: FieldOffice, level: Level) {
        self.office = office
        self.level = level
    }
}
