import Foundation

/// Which field office is responsible for an address: the most specific entry wins.
///
/// Lookup order: the exact ZIP5, then its ZIP3 prefix, then the state, then the default
/// office. A ZIP entry wins over the state even when the address's state disagrees with
/// it: ZIP codes cross state lines, and an office's area is drawn along ZIP codes.
///
/// The table is configuration: build it in code (``init(offices:defaultOfficeID:entries:)``),
/// load it from YAML (``init(yaml:)``), or use ``synthetic``.
public struct JurisdictionTable: Sendable, Hashable {
    public let offices: [FieldOffice]
    public let defaultOfficeID: String
    public let entries: [JurisdictionEntry]

    private let officesByID: [String: FieldOffice]
    private let zip5: [String: String]
    private let zip3: [String: String]
    private let states: [String: String]

    /// A table, validated: office identifiers well formed and unique, names not blank, every
    /// entry's area well formed and listed once, every office named by an entry or as the
    /// default declared.
    /// - Throws: ``WorkflowConfigurationError`` listing every problem.
    public init(
        offices: [FieldOffice], defaultOfficeID: String, entries: [JurisdictionEntry]
    ) throws(WorkflowConfigurationError) {
        var issues: [WorkflowConfigurationIssue] = []
        var officesByID: [String: FieldOffice] = [:]
        for office in offices {
            let path = "offices.\(office.id)"
            guard Self.isOfficeID(office.id) else {
                issues.append(
                    WorkflowConfigurationIssue(.invalidOfficeID, at: path, "an office identifier is letters, digits, - and _"))
                continue
            }
            guard officesByID[office.id] == nil else {
                issues.append(WorkflowConfigurationIssue(.duplicateOffice, at: path, "the office is declared twice"))
                continue
            }
            if office.name.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                issues.append(WorkflowConfigurationIssue(.emptyOfficeName, at: path, "an office needs a name"))
            }
            officesByID[office.id] = office
        }
        if officesByID[defaultOfficeID] == nil {
            issues.append(
                WorkflowConfigurationIssue(.unknownOffice, at: "default", "the default office is not declared in offices"))
        }

        var zip5: [String: String] = [:]
        var zip3: [String: String] = [:]
        var states: [String: String] = [:]
        for entry in entries {
            let path = entry.area.keyPath
            if officesByID[entry.officeID] == nil {
                issues.append(WorkflowConfigurationIssue(.unknownOffice, at: path, "the office is not declared in offices"))
            }
            let inserted: Bool
            switch entry.area {
            case .zip5(let zip):
                guard USPostalCodes.isDigits(zip, count: 5), zip != "00000" else {
                    issues.append(
                        WorkflowConfigurationIssue(.invalidZIP5, at: path, "a ZIP5 is five digits, quoted in YAML (\"02134\")"))
                    continue
                }
                inserted = zip5.updateValue(entry.officeID, forKey: zip) == nil
            case .zip3(let prefix):
                guard USPostalCodes.isDigits(prefix, count: 3), prefix != "000" else {
                    issues.append(
                        WorkflowConfigurationIssue(.invalidZIP3, at: path, "a ZIP3 is three digits, quoted in YAML (\"021\")"))
                    continue
                }
                inserted = zip3.updateValue(entry.officeID, forKey: prefix) == nil
            case .state(let code):
                guard USPostalCodes.states.contains(code) else {
                    issues.append(
                        WorkflowConfigurationIssue(
                            .invalidState, at: path, "not a USPS state, territory or military code in capitals"))
                    continue
                }
                inserted = states.updateValue(entry.officeID, forKey: code) == nil
            }
            if !inserted {
                issues.append(WorkflowConfigurationIssue(.duplicateArea, at: path, "the area is listed twice"))
            }
        }
        guard issues.isEmpty else { throw WorkflowConfigurationError(table: "jurisdiction", issues: issues) }
        self.offices = offices
        self.defaultOfficeID = defaultOfficeID
        self.entries = entries
        self.officesByID = officesByID
        self.zip5 = zip5
        self.zip3 = zip3
        self.states = states
    }

    /// The responsible office for an address.
    /// - Parameters:
    ///   - state: the USPS code, any case; an unknown code counts as none.
    ///   - zip: the ZIP code as written (`02134`, `02134-1234`, `021341234`); anything else
    ///     counts as none.
    public func office(state: String?, zip: String?) -> JurisdictionMatch {
        if let zip = zip.flatMap(USPostalCodes.zip5(of:)) {
            if let id = zip5[zip] { return match(id, .zip5) }
            if let id = zip3[String(zip.prefix(3))] { return match(id, .zip3) }
        }
        if let code = state.flatMap(USPostalCodes.state(of:)), let id = states[code] { return match(id, .state) }
        return match(defaultOfficeID, .default)
    }

    /// The office with this identifier, if declared.
    public func office(id: String) -> FieldOffice? { officesByID[id] }

    private func match(_ id: String, _ level: JurisdictionMatch.Level) -> JurisdictionMatch {
        JurisdictionMatch(office: officesByID[id]!, level: level)
    }

    static func isOfficeID(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.count <= 32
            && text.unicodeScalars.allSatisfy { $0.isASCIILetter || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" }
    }
}
