import Foundation
import LeadTracDomain

/// Turns one CSV record or JSON line into a ``RawLead`` by an ``ImportMapping``.
///
/// Columns are resolved once (header names to positions) when the mapper is made, so mapping a
/// row is a pass over its cells. Empty and whitespace-only cells are treated as absent. A row
/// without a source record id, a date that does not follow its column's format, or a line that
/// is not a JSON object becomes a ``RowRejection`` listing every problem in the row; nothing is
/// thrown. The values themselves are checked later by ``LeadNormaliser``.
public struct RowMapper: Sendable {
    public let mapping: ImportMapping
    private let columns: [Resolved]
    private let expectedFieldCount: Int?
    private let recordIDColumn: String?

    /// Where a column's value is in a row.
    private enum Source: Sendable, Hashable {
        case index(Int)
        case key(String)
    }

    private struct Resolved: Sendable {
        let column: ColumnMapping
        let source: Source
        let issuingCountry: Source?
        let issuingState: Source?
    }

    /// - Parameters:
    ///   - header: the CSV header (``CSVReader/header``) when the mapping has one; ignored for JSON Lines.
    /// - Throws: ``ImportMappingError`` with ``ImportMappingIssue/Code/columnNotInHeader`` for
    ///   each mapped column the header lacks.
    public init(mapping: ImportMapping, header: [String]? = nil) throws(ImportMappingError) {
        self.mapping = mapping
        var issues: [ImportMappingIssue] = []
        var positions: [String: Int] = [:]
        if mapping.format.isTabular, mapping.hasHeader {
            for (index, name) in (header ?? []).enumerated() where positions[name] == nil {
                positions[name.trimmingCharacters(in: .whitespaces)] = index
            }
        }
        func source(_ name: String) -> Source? {
            switch (mapping.format, mapping.hasHeader) {
            case (.jsonl, _): return .key(name)
            case (.csv, true), (.xlsx, true): return positions[name].map(Source.index)
            case (.csv, false), (.xlsx, false): return Int(name).map { .index($0 - 1) }
            }
        }
        var resolved: [Resolved] = []
        for column in mapping.columns ?? [] {
            guard let place = source(column.name) else {
                issues.append(
                    ImportMappingIssue(.columnNotInHeader, at: "columns.\(column.name)", "the file's header has no such column"))
                continue
            }
            resolved.append(
                Resolved(
                    column: column, source: place, issuingCountry: column.issuingCountryColumn.flatMap(source),
                    issuingState: column.issuingStateColumn.flatMap(source)))
        }
        guard issues.isEmpty else { throw ImportMappingError(issues) }
        columns = resolved
        expectedFieldCount = mapping.format.isTabular && mapping.hasHeader ? header?.count : nil
        recordIDColumn = mapping.columns?.first { $0.field == .sourceRecordId }?.name
    }

    /// Maps a CSV record.
    public func map(_ record: CSVRecord) -> Result<MappedLead, RowRejection> {
        if let expected = expectedFieldCount, record.fields.count != expected {
            return .failure(
                RowRejection(
                    sourceRecordID: nil,
                    problems: [.fieldCountMismatch(expected: expected, found: record.fields.count)]))
        }
        let fields = record.fields
        return map { source in
            guard case .index(let index) = source, index < fields.count else { return .absent }
            return .value(fields[index])
        }
    }

    /// Maps a JSON line: by the columns when the mapping has them, else as a RawLead object.
    public func map(_ line: JSONLine) -> Result<MappedLead, RowRejection> {
        let data = Data(line.bytes)
        guard mapping.columns != nil else { return decodeRawLead(data) }
        let object: [String: JSONScalar]
        do {
            object = try JSONDecoder().decode([String: JSONScalar].self, from: data)
        } catch {
            return .failure(RowRejection(sourceRecordID: nil, problems: [Self.jsonProblem(error)]))
        }
        return map { source in
            guard case .key(let key) = source, let value = object[key] else { return .absent }
            switch value {
            case .text(let text): return .value(text)
            case .null: return .absent
            case .nested: return .notText
            }
        }
    }

    private enum Cell {
        case absent, notText
        case value(String)
    }

    private func map(_ cell: (Source) -> Cell) -> Result<MappedLead, RowRejection> {
        var problems: [RowProblem] = []
        func text(_ source: Source?, column: String) -> String? {
            guard let source else { return nil }
            switch cell(source) {
            case .absent: return nil
            case .notText:
                problems.append(.valueNotText(column: column))
                return nil
            case .value(let value):
                return value.allSatisfy(\.isWhitespace) ? nil : value
            }
        }

        var builder = RawLeadBuilder(dateOrder: mapping.dateOrder, nameOrder: mapping.nameOrder)
        for fieldDefault in mapping.defaults { builder.set(fieldDefault.field, fieldDefault.value) }
        var recordID: String?
        for resolved in columns {
            let column = resolved.column
            guard column.field != .ignore, var value = text(resolved.source, column: column.name) else { continue }
            switch column.field {
            case .sourceRecordId:
                recordID = value.trimmingCharacters(in: .whitespaces)
            case .personIdentifiers:
                let country = text(resolved.issuingCountry, column: column.issuingCountryColumn ?? "")
                let state = text(resolved.issuingState, column: column.issuingStateColumn ?? "")
                builder.addIdentifier(
                    RawIdentifier(
                        type: column.identifierType?.rawValue, value: value,
                        issuingCountry: country ?? column.issuingCountry, issuingState: state ?? column.issuingState))
            default:
                if let format = column.dateFormat {
                    guard let iso = format.isoDate(from: value) else {
                        problems.append(.dateFormatMismatch(field: column.field.path, column: column.name, format: format))
                        continue
                    }
                    value = iso
                }
                builder.set(column.field, value, nameOrder: column.nameOrder)
            }
        }
        guard let recordID else {
            problems.insert(.missingRecordID(column: recordIDColumn), at: 0)
            return .failure(RowRejection(sourceRecordID: nil, problems: problems))
        }
        guard problems.isEmpty else { return .failure(RowRejection(sourceRecordID: recordID, problems: problems)) }
        return .success(MappedLead(sourceRecordID: recordID, lead: builder.build()))
    }

    private func decodeRawLead(_ data: Data) -> Result<MappedLead, RowRejection> {
        do {
            // Check the shape first so that "not an object" is told apart from a bad field.
            _ = try JSONDecoder().decode([String: JSONScalar].self, from: data)
        } catch {
            return .failure(RowRejection(sourceRecordID: nil, problems: [Self.jsonProblem(error)]))
        }
        do {
            let envelope = try JSONDecoder().decode(RawLeadEnvelope.self, from: data)
            guard let id = envelope.sourceRecordId?.trimmingCharacters(in: .whitespaces), !id.isEmpty else {
                return .failure(RowRejection(sourceRecordID: nil, problems: [.missingRecordID(column: "sourceRecordId")]))
            }
            return .success(MappedLead(sourceRecordID: id, lead: envelope.lead))
        } catch let error as DecodingError {
            return .failure(RowRejection(sourceRecordID: nil, problems: [.invalidShape(field: Self.path(of: error))]))
        } catch {
            return .failure(RowRejection(sourceRecordID: nil, problems: [.invalidJSON()]))
        }
    }

    private static func jsonProblem(_ error: any Error) -> RowProblem {
        if case DecodingError.typeMismatch(_, let context) = error, context.codingPath.isEmpty {
            return .notJSONObject()
        }
        return .invalidJSON()
    }

    /// The JSON path of a decoding error (`person.identifiers[0].value`), without values.
    private static func path(of error: DecodingError) -> String {
        let context: DecodingError.Context
        switch error {
        case .typeMismatch(_, let c), .valueNotFound(_, let c), .keyNotFound(_, let c), .dataCorrupted(let c): context = c
        @unknown default: return "$"
        }
        var path = ""
        for key in context.codingPath {
            if let index = key.intValue {
                path += "[\(index)]"
            } else {
                path += path.isEmpty ? key.stringValue : ".\(key.stringValue)"
            }
        }
        return path
    }
}
