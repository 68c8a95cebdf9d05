import Foundation
import LeadTracDomain
import Yams

extension ImportMapping {
    /// The keys a column may have.
    static let columnKeys = [
        "field", "identifierType", "issuingCountry", "issuingCountryColumn", "issuingState", "issuingStateColumn",
        "dateFormat", "nameOrder",
    ]

    /// Loads and validates a mapping from a YAML file.
    /// - Throws: ``ImportMappingError`` listing every problem, or when the file cannot be read.
    public static func load(contentsOf path: String) throws(ImportMappingError) -> ImportMapping {
        guard let data = FileManager.default.contents(atPath: path), let yaml = String(data: data, encoding: .utf8)
        else {
            throw ImportMappingError([ImportMappingIssue(.invalidYAML, at: "$", "cannot read the mapping file as UTF-8 text")])
        }
        return try load(yaml: yaml)
    }

    /// Decodes a mapping from YAML text (with `YAMLDecoder`) and validates it.
    /// - Throws: ``ImportMappingError`` listing every problem with its key path.
    public static func load(yaml: String) throws(ImportMappingError) -> ImportMapping {
        let document: MappingDocument
        do {
            document = try YAMLDecoder().decode(MappingDocument.self, from: yaml)
        } catch {
            throw ImportMappingError([
                ImportMappingIssue(.invalidYAML, at: "$", "not a YAML mapping (\(Self.summary(of: error)))")
            ])
        }
        var validator = MappingValidator(issues: document.issues)
        let mapping = validator.mapping(from: document)
        guard let mapping, validator.issues.isEmpty else { throw ImportMappingError(validator.issues) }
        return mapping
    }

    /// A short description of a YAML error that cannot leak data: the error kind and position only.
    private static func summary(of error: any Error) -> String {
        if case DecodingError.dataCorrupted(let context) = error, let underlying = context.underlyingError {
            return summary(of: underlying)
        }
        if let yaml = error as? YamlError {
            switch yaml {
            case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
                return "syntax error at line \(mark.line), column \(mark.column); "
                    + "in a flow mapping { }, quote a field path with brackets or write addresses.0"
            default: return "syntax error"
            }
        }
        return "top level is not a mapping"
    }
}

/// Turns a ``MappingDocument`` into an ``ImportMapping``, collecting every problem.
struct MappingValidator {
    var issues: [ImportMappingIssue]

    mutating func mapping(from document: MappingDocument) -> ImportMapping? {
        var format = ImportMapping.Format.csv
        if let text = document.format {
            if let parsed = ImportMapping.Format(rawValue: text.lowercased()) {
                format = parsed
            } else {
                report(.unknownFormat, "format", "unknown format; expected csv, jsonl or xlsx")
            }
        }
        var delimiter: Character = ","
        if let text = document.delimiter {
            let candidate = text == "\\t" ? "\t" : text
            if candidate.count == 1, let character = candidate.first, character.isASCII,
                !["\"", "\r", "\n", "\r\n"].contains(character)
            {
                delimiter = character
            } else {
                report(.invalidDelimiter, "delimiter", "the delimiter must be one ASCII character other than a quote or a line break")
            }
        }
        let hasHeader = document.header ?? true
        var dateOrder: DateOrder?
        if let text = document.dateOrder {
            dateOrder = DateOrder(hint: text)
            if dateOrder == nil { report(.unknownDateOrder, "dateOrder", "unknown date order; expected month-first or day-first") }
        }
        var nameOrder: NameOrder?
        if let text = document.nameOrder {
            nameOrder = NameOrder(hint: text)
            if nameOrder == nil { report(.unknownNameOrder, "nameOrder", "unknown name order; expected given-first or family-first") }
        }
        let defaults = (document.defaults ?? []).compactMap { self.fieldDefault($0) }

        var columns: [ColumnMapping]?
        if let declared = document.columns {
            let names = Set(declared.map(\.name))
            columns = declared.compactMap { column(from: $0, declared: names, format: format, hasHeader: hasHeader) }
            checkFieldUse(columns ?? [])
            let hasRecordId = declared.contains { $0.options.contains { $0.key == "field" && $0.value == "sourceRecordId" } }
            if !hasRecordId { report(.missingSourceRecordId, "columns", "one column must map to sourceRecordId") }
        } else if format.isTabular {
            report(.missingColumns, "columns", "a CSV or spreadsheet mapping needs columns")
        }
        return ImportMapping(
            format: format, delimiter: delimiter, hasHeader: hasHeader, dateOrder: dateOrder, nameOrder: nameOrder,
            defaults: defaults, columns: columns)
    }

    private mutating func report(_ code: ImportMappingIssue.Code, _ path: String, _ message: String) {
        issues.append(ImportMappingIssue(code, at: path, message))
    }

    private mutating func fieldDefault(_ entry: MappingDocument.Entry) -> FieldDefault? {
        let path = "defaults.\(entry.key)"
        guard let field = CanonicalField(path: entry.key) else {
            report(.unknownField, path, "not a canonical field")
            return nil
        }
        switch field {
        case .ignore, .sourceRecordId, .personIdentifiers:
            report(.invalidDefault, path, "this field cannot have a default")
            return nil
        default:
            return FieldDefault(field: field, value: entry.value)
        }
    }

    private mutating func column(
        from column: MappingDocument.Column, declared: Set<String>, format: ImportMapping.Format, hasHeader: Bool
    ) -> ColumnMapping? {
        let path = "columns.\(column.name)"
        let name = column.name.trimmingCharacters(in: .whitespaces)
        var valid = true
        if name.isEmpty {
            report(.invalidColumnName, path, "a column needs a name")
            valid = false
        } else if format.isTabular && !hasHeader && (Int(name).map { $0 < 1 } ?? true) {
            report(.invalidColumnName, path, "without a header row, columns are named by 1-based position")
            valid = false
        }
        var options: [String: String] = [:]
        for entry in column.options {
            if ImportMapping.columnKeys.contains(entry.key) {
                options[entry.key] = entry.value
            } else {
                report(
                    .unknownKey, "\(path).\(entry.key)",
                    "unknown column key; expected one of \(ImportMapping.columnKeys.joined(separator: ", "))")
            }
        }
        guard let fieldText = options["field"] else {
            report(.missingField, "\(path).field", "a column needs a field (use ignore to skip it)")
            return nil
        }
        guard let field = CanonicalField(path: fieldText) else {
            report(.unknownField, "\(path).field", "not a canonical field")
            return nil
        }
        var mapping = ColumnMapping(name: column.name, field: field)

        let identifierKeys = ["identifierType", "issuingCountry", "issuingCountryColumn", "issuingState", "issuingStateColumn"]
        if field == .personIdentifiers {
            if let typeText = options["identifierType"] {
                mapping.identifierType = IdentifierType(label: typeText)
                if mapping.identifierType == nil {
                    report(.unknownIdentifierType, "\(path).identifierType", "unknown identifier type")
                    valid = false
                }
            } else {
                report(.missingIdentifierType, "\(path).identifierType", "an identifier column needs identifierType")
                valid = false
            }
            mapping.issuingCountry = options["issuingCountry"]
            mapping.issuingState = options["issuingState"]
            for key in ["issuingCountryColumn", "issuingStateColumn"] {
                guard let other = options[key] else { continue }
                if declared.contains(other) {
                    if key == "issuingCountryColumn" { mapping.issuingCountryColumn = other } else {
                        mapping.issuingStateColumn = other
                    }
                } else {
                    report(.unknownColumn, "\(path).\(key)", "names a column that is not declared in columns")
                    valid = false
                }
            }
        } else {
            for key in identifierKeys where options[key] != nil {
                report(.identifierOptionOnOtherField, "\(path).\(key)", "only person.identifiers columns take this key")
                valid = false
            }
        }
        if let formatText = options["dateFormat"] {
            if !field.isDate {
                report(.dateFormatOnOtherField, "\(path).dateFormat", "dateFormat only applies to date fields")
                valid = false
            } else if let dateFormat = DateFormat(formatText) {
                mapping.dateFormat = dateFormat
            } else {
                report(.invalidDateFormat, "\(path).dateFormat", "expected YYYY, MM and DD with / - . or space between")
                valid = false
            }
        }
        if let orderText = options["nameOrder"] {
            if !field.isName {
                report(.nameOrderOnOtherField, "\(path).nameOrder", "nameOrder only applies to name fields")
                valid = false
            } else if let order = NameOrder(hint: orderText) {
                mapping.nameOrder = order
            } else {
                report(.unknownNameOrder, "\(path).nameOrder", "unknown name order; expected given-first or family-first")
                valid = false
            }
        }
        return valid ? mapping : nil
    }

    /// A single-valued field can come from one column only.
    private mutating func checkFieldUse(_ columns: [ColumnMapping]) {
        var seen: Set<CanonicalField> = []
        for column in columns {
            switch column.field {
            case .ignore, .personIdentifiers, .personPhones, .personEmails, .personRiskIndicators,
                .organisationPhones, .organisationEmails:
                continue
            default:
                if !seen.insert(column.field).inserted {
                    report(.duplicateField, "columns.\(column.name).field", "another column already fills this field")
                }
            }
        }
    }
}
