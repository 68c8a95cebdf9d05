/// One thing wrong with a configuration table (SLA durations, jurisdiction), at a dotted key
/// path such as `zip5.0213` or `states.inWorkup.P4`; `$` for the whole document.
///
/// Messages name keys and the allowed values; configuration holds no personal data, but the
/// rule is kept anyway so these can be logged as they are.
public struct WorkflowConfigurationIssue: Sendable, Hashable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable, CaseIterable {
        /// The text is not YAML, or its top level is not a mapping.
        case invalidYAML = "config.invalid-yaml"
        /// A key the format does not have (often a typo).
        case unknownKey = "config.unknown-key"
        /// A value of the wrong shape (a list where a mapping is expected).
        case wrongType = "config.wrong-type"
        /// A required key is missing.
        case missingKey = "config.missing-key"
        // MARK: SLA
        case unknownState = "sla.unknown-state"
        /// An SLA for a state that runs no clock (``LeadState/isClocked``).
        case unclockedState = "sla.unclocked-state"
        case unknownTier = "sla.unknown-tier"
        /// Not `<n>d` or `<n>h` with a positive whole number.
        case invalidDuration = "sla.invalid-duration"
        /// A category name that is not an identifier.
        case invalidCategory = "sla.invalid-category"
        /// Two rules for the same state, tier and category.
        case duplicateRule = "sla.duplicate-rule"
        // MARK: Jurisdiction
        /// An office identifier that is empty or has characters other than letters, digits, `-`, `_`.
        case invalidOfficeID = "jurisdiction.invalid-office-id"
        case duplicateOffice = "jurisdiction.duplicate-office"
        case emptyOfficeName = "jurisdiction.empty-office-name"
        /// An entry or the default names an office that is not declared.
        case unknownOffice = "jurisdiction.unknown-office"
        /// Not a USPS state, territory or military code.
        case invalidState = "jurisdiction.invalid-state"
        /// Not exactly five digits (quote ZIP codes in YAML: `"02134"`).
        case invalidZIP5 = "jurisdiction.invalid-zip5"
        /// Not exactly three digits.
        case invalidZIP3 = "jurisdiction.invalid-zip3"
        /// The same state, ZIP3 or ZIP5 appears twice.
        case duplicateArea = "jurisdiction.duplicate-area"
    }

    public let code: Code
    public let keyPath: String
    public let message: String

    public init(_ code: Code, at keyPath: String, _ message: String) {
        self.code = code
        self.keyPath = keyPath
        self.message = message
    }

    public var description: String { "\(keyPath): \(message) [\(code.rawValue)]" }
}

/// A configuration table was rejected: every issue found, so that it can be fixed in one pass.
public struct WorkflowConfigurationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What was being loaded: `sla` or `jurisdiction`.
    public let table: String
    public let issues: [WorkflowConfigurationIssue]

    public init(table: String, issues: [WorkflowConfigurationIssue]) {
        self.table = table
        self.issues = issues
    }

    public var codes: [WorkflowConfigurationIssue.Code] { issues.map(\.code) }

    public var description: String {
        "\(table) configuration rejected: " + issues.map(\.description).joined(separator: "; ")
    }
}
