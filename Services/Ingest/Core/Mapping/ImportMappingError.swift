/// One thing wrong with a mapping file, at a YAML key path such as `columns.dob.dateFormat`.
///
/// Messages name keys and the allowed values, never data from an import file.
public struct ImportMappingIssue: Sendable, Hashable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable, CaseIterable {
        /// The text is not YAML, or its top level is not a mapping.
        case invalidYAML = "mapping.invalid-yaml"
        /// A value has the wrong type (a list where text is expected, `header: maybe`).
        case wrongType = "mapping.wrong-type"
        /// A key the mapping format does not have (often a typo).
        case unknownKey = "mapping.unknown-key"
        case unknownFormat = "mapping.unknown-format"
        case invalidDelimiter = "mapping.invalid-delimiter"
        case unknownDateOrder = "mapping.unknown-date-order"
        case unknownNameOrder = "mapping.unknown-name-order"
        /// `columns` is missing, which only `format: jsonl` allows (rows are then RawLead objects).
        case missingColumns = "mapping.missing-columns"
        /// A column has an empty name, or a headerless CSV column is not a 1-based position.
        case invalidColumnName = "mapping.invalid-column-name"
        /// A column has no `field`.
        case missingField = "mapping.missing-field"
        /// `field` (or a `defaults` key) names no canonical field.
        case unknownField = "mapping.unknown-field"
        /// An identifier column without `identifierType`.
        case missingIdentifierType = "mapping.missing-identifier-type"
        case unknownIdentifierType = "mapping.unknown-identifier-type"
        /// Identifier options (`identifierType`, `issuingCountry`, ...) on a non-identifier column.
        case identifierOptionOnOtherField = "mapping.identifier-option-on-other-field"
        /// `issuingCountryColumn` or `issuingStateColumn` names a column that is not in `columns`.
        case unknownColumn = "mapping.unknown-column"
        case invalidDateFormat = "mapping.invalid-date-format"
        /// `dateFormat` on a column whose field is not a date.
        case dateFormatOnOtherField = "mapping.date-format-on-other-field"
        /// `nameOrder` on a column whose field is not part of a name.
        case nameOrderOnOtherField = "mapping.name-order-on-other-field"
        /// A default for a field that cannot have one (`ignore`, `sourceRecordId`, `person.identifiers`).
        case invalidDefault = "mapping.invalid-default"
        /// No column maps to `sourceRecordId`, which every import needs to recognise rows.
        case missingSourceRecordId = "mapping.missing-source-record-id"
        /// Two columns write the same single-valued field.
        case duplicateField = "mapping.duplicate-field"
        /// A mapped column is not in the CSV header (found when the file is opened).
        case columnNotInHeader = "mapping.column-not-in-header"
    }

    public let code: Code
    /// Dotted path of the offending key, e.g. `columns.passport_no.identifierType`; `$` for the document.
    public let keyPath: String
    public let message: String

    public init(_ code: Code, at keyPath: String, _ message: String) {
        self.code = code
        self.keyPath = keyPath
        self.message = message
    }

    public var description: String { "\(keyPath): \(message) [\(code.rawValue)]" }
}

/// A mapping file was rejected: every issue found, so that it can be fixed in one pass.
public struct ImportMappingError: Error, Sendable, Hashable, CustomStringConvertible {
    public let issues: [ImportMappingIssue]

    public init(_ issues: [ImportMappingIssue]) { self.issues = issues }

    public var description: String {
        "import mapping rejected: " + issues.map(\.description).joined(separator: "; ")
    }
}
