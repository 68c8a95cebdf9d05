import Yams

extension JurisdictionTable {
    /// Loads a table from YAML:
    ///
    /// ```yaml
    /// offices:
    ///   FO00: Field Office 00 — National Intake
    ///   FO01: Field Office 01 — Northeast
    ///   FO02: Field Office 02 — Boston Harbor
    /// default: FO00
    /// states: { MA: FO01, NY: FO01 }
    /// zip3: { "021": FO02 }
    /// zip5: { "02134": FO01 }
    /// ```
    ///
    /// `offices` and `default` are required; `states`, `zip3` and `zip5` are optional. ZIP
    /// codes are read as written, so `02134` keeps its leading zero even unquoted; quote
    /// them anyway, as other YAML readers would make a number of it.
    /// - Throws: ``WorkflowConfigurationError`` listing every problem with its key path.
    public init(yaml: String) throws(WorkflowConfigurationError) {
        var issues: [WorkflowConfigurationIssue] = []
        var offices: [FieldOffice] = []
        var defaultOfficeID: String?
        var entries: [JurisdictionEntry] = []
        if let top = YAMLDocument.topMapping(yaml, issues: &issues) {
            for (keyNode, value) in top {
                let key = keyNode.string ?? ""
                switch key {
                case "offices":
                    guard let mapping = YAMLDocument.mapping(value, at: key, issues: &issues) else { continue }
                    for (idNode, nameNode) in mapping {
                        let id = idNode.string ?? ""
                        guard let name = YAMLDocument.scalar(nameNode, at: "\(key).\(id)", issues: &issues) else { continue }
                        offices.append(FieldOffice(id: id, name: name))
                    }
                case "default":
                    defaultOfficeID = YAMLDocument.scalar(value, at: key, issues: &issues)
                case "states", "zip3", "zip5":
                    guard let mapping = YAMLDocument.mapping(value, at: key, issues: &issues) else { continue }
                    for (areaNode, officeNode) in mapping {
                        let area = areaNode.string ?? ""
                        guard let officeID = YAMLDocument.scalar(officeNode, at: "\(key).\(area)", issues: &issues) else {
                            continue
                        }
                        let parsed: JurisdictionArea =
                            switch key {
                            case "states": .state(area)
                            case "zip3": .zip3(area)
                            default: .zip5(area)
                            }
                        entries.append(JurisdictionEntry(parsed, officeID: officeID))
                    }
                default:
                    issues.append(
                        WorkflowConfigurationIssue(
                            .unknownKey, at: key, "unknown key; expected offices, default, states, zip3 or zip5"))
                }
            }
            if top["offices"] == nil {
                issues.append(WorkflowConfigurationIssue(.missingKey, at: "offices", "the offices are required"))
            }
            if top["default"] == nil {
                issues.append(WorkflowConfigurationIssue(.missingKey, at: "default", "a default office is required"))
            }
        }
        // Validate the entries even when the document had problems, so that one pass reports all.
        var table: JurisdictionTable?
        if let defaultOfficeID {
            do throws(WorkflowConfigurationError) {
                table = try JurisdictionTable(offices: offices, defaultOfficeID: defaultOfficeID, entries: entries)
            } catch {
                issues += error.issues
            }
        }
        guard issues.isEmpty, let table else { throw WorkflowConfigurationError(table: "jurisdiction", issues: issues) }
        self = table
    }
}
