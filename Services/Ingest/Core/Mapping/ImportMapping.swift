import LeadTracDomain

/// How the rows of a batch file become ``RawLead``s: the file layout, hints for the whole
/// file, constant defaults and, per column, the canonical field it fills.
///
/// Loaded from YAML with ``ImportMapping/load(yaml:)``, which checks everything it can before a
/// single row is read (unknown fields and identifier types, bad date formats, references to
/// undeclared columns) and reports each problem with its key path. Example:
///
/// ```yaml
/// format: csv            # csv | jsonl | xlsx (the first worksheet)
/// delimiter: ","         # csv only; one ASCII character
/// header: true           # csv and xlsx; when false, column names are 1-based positions ("1", "2")
/// dateOrder: month-first # or day-first: slashed dates in every column without a dateFormat
/// nameOrder: given-first # or family-first: one-string names without a comma
/// defaults: { kind: person, category: overstay }   # constant values, overridden by columns
/// columns:
///   record_id: { field: sourceRecordId }           # required: identifies the row in the source
///   last: { field: person.name.family }
///   first: { field: person.name.given }
///   full_name: { field: person.name.full, nameOrder: family-first }
///   dob: { field: person.dateOfBirth, dateFormat: "DD/MM/YYYY" }
///   passport_no: { field: person.identifiers, identifierType: passport, issuingCountryColumn: passport_country }
///   passport_country: { field: ignore }
///   ssn: { field: person.identifiers, identifierType: ssn }
///   dl: { field: person.identifiers, identifierType: driversLicence, issuingState: TX }
///   street: { field: "person.addresses[0].lines[0]" }  # quoted: [ ] end a value in { }
///   city: { field: person.addresses.0.city }           # or the dotted index form
///   state: { field: person.addresses.0.state }
///   zip:
///     field: person.addresses[0].zip                   # block style needs no quotes
///   phone: { field: person.phones }
///   email: { field: person.emails }
/// ```
///
/// For `format: jsonl` the column names are top-level keys of each JSON object; without
/// `columns`, each line is decoded directly as a ``RawLead`` with a top-level `sourceRecordId`.
/// Column keys: `field` (see ``CanonicalField``), `identifierType` (an ``IdentifierType`` label),
/// `issuingCountry`/`issuingState` (constants) or `issuingCountryColumn`/`issuingStateColumn`
/// (another declared column), `dateFormat` (see ``DateFormat``), `nameOrder`.
public struct ImportMapping: Sendable, Hashable {
    public enum Format: String, Sendable, Hashable, CaseIterable {
        /// Comma- (or `delimiter`-) separated text.
        case csv
        /// One JSON object per line.
        case jsonl
        /// An Excel workbook's first worksheet (cells read as text; header row as for CSV).
        case xlsx

        /// Rows of positional fields (CSV, spreadsheets), as opposed to JSON objects.
        public var isTabular: Bool { self != .jsonl }
    }

    public var format: Format
    /// The CSV delimiter.
    public var delimiter: Character
    /// Whether a CSV file has a header row.
    public var hasHeader: Bool
    /// Sent as the record's `dateOrder` hint; the normaliser's default when `nil`.
    public var dateOrder: DateOrder?
    /// Sent as every name's `order` hint unless the column overrides it.
    public var nameOrder: NameOrder?
    /// Constant values applied before the columns (a non-empty cell replaces a default).
    public var defaults: [FieldDefault]
    /// The columns, in file order; `nil` only for JSON Lines whose lines are RawLead objects.
    public var columns: [ColumnMapping]?

    public init(
        format: Format, delimiter: Character = ",", hasHeader: Bool = true, dateOrder: DateOrder? = nil,
        nameOrder: NameOrder? = nil, defaults: [FieldDefault] = [], columns: [ColumnMapping]?
    ) {
        self.format = format
        self.delimiter = delimiter
        self.hasHeader = hasHeader
        self.dateOrder = dateOrder
        self.nameOrder = nameOrder
        self.defaults = defaults
        self.columns = columns
    }

    /// The CSV reader configuration this mapping asks for.
    public func csvConfiguration(chunkSize: Int = CSVConfiguration.defaultChunkSize) -> CSVConfiguration {
        CSVConfiguration(delimiter: delimiter, hasHeader: hasHeader, chunkSize: chunkSize)
    }
}

/// A constant value for a canonical field.
public struct FieldDefault: Sendable, Hashable {
    public var field: CanonicalField
    public var value: String

    public init(field: CanonicalField, value: String) {
        self.field = field
        self.value = value
    }
}

/// What one column of the file becomes.
public struct ColumnMapping: Sendable, Hashable {
    /// The header name (CSV with header, JSON key) or 1-based position (CSV without header).
    public var name: String
    public var field: CanonicalField
    /// For ``CanonicalField/personIdentifiers``: the type of the number in this column.
    public var identifierType: IdentifierType?
    /// A constant issuing country for this column's identifiers.
    public var issuingCountry: String?
    /// Another column holding this identifier's issuing country (wins over the constant when not empty).
    public var issuingCountryColumn: String?
    public var issuingState: String?
    public var issuingStateColumn: String?
    /// The layout of this column's dates; values are rewritten as ISO 8601.
    public var dateFormat: DateFormat?
    /// Name order for this column's one-string names, instead of the file's.
    public var nameOrder: NameOrder?

    public init(
        name: String, field: CanonicalField, identifierType: IdentifierType? = nil, issuingCountry: String? = nil,
        issuingCountryColumn: String? = nil, issuingState: String? = nil, issuingStateColumn: String? = nil,
        dateFormat: DateFormat? = nil, nameOrder: NameOrder? = nil
    ) {
        self.name = name
        self.field = field
        self.identifierType = identifierType
        self.issuingCountry = issuingCountry
        self.issuingCountryColumn = issuingCountryColumn
        self.issuingState = issuingState
        self.issuingStateColumn = issuingStateColumn
        self.dateFormat = dateFormat
        self.nameOrder = nameOrder
    }
}
