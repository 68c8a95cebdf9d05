import LeadTracDomain

/// One reason a row was not imported: a stable code, the canonical field (JSON path into
/// ``RawLead``) and/or the source column it concerns, and a message for people.
///
/// Import-level codes start with `import.` or `csv.`; normaliser codes are ``ProblemCode`` raw
/// values (`ssn.invalid-area`). Never holds a value from the row.
public struct RowProblem: Sendable, Codable, Hashable, CustomStringConvertible {
    public var code: String
    public var field: String?
    public var column: String?
    public var message: String

    public init(code: String, field: String? = nil, column: String? = nil, message: String) {
        self.code = code
        self.field = field
        self.column = column
        self.message = message
    }

    /// A normaliser problem.
    public init(_ problem: FieldProblem) {
        self.init(code: problem.code.rawValue, field: problem.field, message: problem.message)
    }

    /// A CSV record that could not be decoded (invalid UTF-8): a row problem, the file goes on.
    public init(_ error: CSVError) {
        self.init(
            code: error.code.rawValue, column: error.field.map { "#\($0)" },
            message: "the record could not be read as CSV text")
    }

    public var description: String {
        var place = [field, column.map { "column \($0)" }].compactMap { $0 }.joined(separator: ", ")
        if !place.isEmpty { place += ": " }
        return "\(place)\(message) [\(code)]"
    }

    // MARK: Import-level problems

    public static func missingRecordID(column: String?) -> RowProblem {
        RowProblem(
            code: "import.missing-record-id", field: "sourceRecordId", column: column,
            message: "the row has no source record id")
    }

    public static func fieldCountMismatch(expected: Int, found: Int) -> RowProblem {
        RowProblem(
            code: "import.field-count-mismatch",
            message: "the row has \(found) fields but the header has \(expected)")
    }

    public static func invalidJSON() -> RowProblem {
        RowProblem(code: "import.invalid-json", message: "the line is not valid JSON")
    }

    public static func notJSONObject() -> RowProblem {
        RowProblem(code: "import.not-json-object", message: "the line is JSON but not an object")
    }

    public static func valueNotText(column: String) -> RowProblem {
        RowProblem(
            code: "import.value-not-text", column: column,
            message: "expected text, a number or a boolean, found a list or an object")
    }

    public static func invalidShape(field: String) -> RowProblem {
        RowProblem(
            code: "import.invalid-shape", field: field.isEmpty ? "$" : field,
            message: "the value does not have the shape of a raw lead field")
    }

    public static func dateFormatMismatch(field: String, column: String, format: DateFormat) -> RowProblem {
        RowProblem(
            code: "import.date-format-mismatch", field: field, column: column,
            message: "the date does not follow the column's format \(format)")
    }
}

/// Why a row could not be mapped: all its problems, and its source record id when it has one.
public struct RowRejection: Error, Sendable, Hashable {
    public var sourceRecordID: String?
    public var problems: [RowProblem]

    public init(sourceRecordID: String?, problems: [RowProblem]) {
        self.sourceRecordID = sourceRecordID
        self.problems = problems
    }
}

/// A row turned into a raw lead, ready for ``LeadNormaliser``.
public struct MappedLead: Sendable, Hashable {
    /// The row's identifier in the source: put it in the lead's ``Provenance/sourceRecordID``
    /// and use it to recognise a row already imported.
    public var sourceRecordID: String
    public var lead: RawLead

    public init(sourceRecordID: String, lead: RawLead) {
        self.sourceRecordID = sourceRecordID
        self.lead = lead
    }
}
