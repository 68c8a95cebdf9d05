import Foundation
import LeadTracStorage

/// CSV exports of the matcher's decisions, for reconciliation with source systems and for
/// oversight: identifiers, decisions and counts only, no names or other personal values.
///
/// Rows are read in pages by key (`WHERE id > last ORDER BY id LIMIT n`), so an export of
/// millions of rows holds one page in memory and no long transaction.
public struct MatcherExport: Sendable {
    public let schema: String
    public var pageSize = 5_000

    public init(schema: String = Matcher.schema) {
        self.schema = schema
    }

    public static let linksHeader = "lead_id,source_system,source_record_id,subject_id,decision,score"
    public static let subjectsHeader = "subject_id,kind,status,merged_into,lead_count,created_at"

    /// Every lead link: which subject each lead is attached to, and by which decision.
    /// - Returns: the number of rows written (header excluded).
    @discardableResult
    public func links(on db: PGConnection, write: (String) throws -> Void) throws -> Int {
        try write(Self.linksHeader)
        return try paged(
            """
            SELECT lead_id::text, source_system, source_record_id, subject_id::text, decision, score
            FROM \(quoteIdentifier(schema)).lead_links WHERE lead_id > $1::uuid ORDER BY lead_id LIMIT $2
            """, on: db
        ) { row in
            let score = try row.decode(Double?.self, at: 5).map { String(format: "%.3f", $0) } ?? ""
            try write(
                Self.csv([
                    try row.decode(String.self, at: 0), try row.decode(String.self, at: 1),
                    try row.decode(String?.self, at: 2) ?? "", try row.decode(String.self, at: 3),
                    try row.decode(String.self, at: 4), score,
                ]))
            return try row.decode(String.self, at: 0)
        }
    }

    /// Every subject with its status and lead count (no names, dates or identifiers).
    @discardableResult
    public func subjects(on db: PGConnection, write: (String) throws -> Void) throws -> Int {
        try write(Self.subjectsHeader)
        return try paged(
            """
            SELECT subject_id::text, kind, status, merged_into::text, lead_count, created_at
            FROM \(quoteIdentifier(schema)).subjects WHERE subject_id > $1::uuid ORDER BY subject_id LIMIT $2
            """, on: db
        ) { row in
            try write(
                Self.csv([
                    try row.decode(String.self, at: 0), try row.decode(String.self, at: 1), try row.decode(String.self, at: 2),
                    try row.decode(String?.self, at: 3) ?? "", String(try row.decode(Int.self, at: 4)),
                    try row.decode(Date.self, at: 5).formatted(.iso8601),
                ]))
            return try row.decode(String.self, at: 0)
        }
    }

    /// Runs `sql` page by page (`$1` the last key seen, `$2` the page size); `row` writes a row
    /// and returns its key.
    private func paged(_ sql: String, on db: PGConnection, row: (PGRow) throws -> String) throws -> Int {
        var last = "00000000-0000-0000-0000-000000000000"
        var total = 0
        while true {
            let page = try db.execute(sql, [PGValue(last), PGValue(pageSize)])
            for r in page.rows { last = try row(r) }
            total += page.rowCount
            if page.rowCount < pageSize { return total }
        }
    }

    /// One CSV line (RFC 4180): fields with a comma, quote or line break are quoted.
    static func csv(_ fields: [String]) -> String {
        fields.map { field in
            guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
            return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }.joined(separator: ",")
    }
}
