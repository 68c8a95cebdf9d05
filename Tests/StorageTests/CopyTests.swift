import Foundation
import LeadTracStorage
import Testing

@Suite("COPY FROM STDIN")
struct CopyTests {
    static let fragments = [
        "tab\t", "newline\n", "cr\r", "backslash\\", "\\N", "\\.", "quote\"", "comma,", "{brace}", "é🌍", "", "NULL",
    ]

    struct Row: Equatable {
        var number: Int
        var text: String
        var note: String?
        var bytes: [UInt8]
        var tags: [String?]
        var at: Date
    }

    static func makeRow(_ number: Int) -> Row {
        let fragment = fragments[number % fragments.count]
        return Row(
            number: number,
            text: "\(number)|\(fragment)|\(fragments[(number / 3) % fragments.count])",
            note: number % 7 == 0 ? nil : fragment,
            bytes: [UInt8(number % 256), 0, 9, 10, 13, 92, UInt8((number * 31) % 256)],
            tags: [fragment, nil, "\(number)"],
            // Whole microseconds (PostgreSQL's resolution), built as the decoder builds them.
            at: Date(timeIntervalSinceReferenceDate: Double(721_692_800_000_000 + number * 1_000_001) / 1_000_000))
    }

    @Test func tenThousandAwkwardRowsRoundTripExactly() throws {
        try TestDatabase.withSchema { conn, schema in
            let table = "\(quoteIdentifier(schema)).bulk"
            try conn.execute(
                "create table \(table) (n int primary key, t text not null, note text, b bytea, tags text[], at timestamptz)"
            )
            let expected = (0..<10_000).map(Self.makeRow)
            let copied = try conn.copyIn(
                "COPY \(table) (n, t, note, b, tags, at) FROM STDIN",
                rows: expected.lazy.map { row in
                    [
                        .init(row.number), .init(row.text), .init(row.note), .init(row.bytes), .init(row.tags),
                        .init(row.at),
                    ]
                })
            #expect(copied == 10_000)

            let actual = try conn.execute("select n, t, note, b, tags, at from \(table) order by n").rows.map { row in
                Row(
                    number: try row.decode(at: 0), text: try row.decode(at: 1), note: try row.decode(at: 2),
                    bytes: try row.decode(at: 3), tags: try row.decode(at: 4), at: try row.decode(at: 5))
            }
            #expect(actual.count == expected.count)
            let mismatches = zip(actual, expected).filter { $0 != $1 }.map(\.1.number)
            #expect(mismatches.count == 0, "first mismatching row: \(String(describing: mismatches.first))")
        }
    }

    @Test func failingRowAbortsTheWholeCopyAndConnectionStaysUsable() throws {
        try TestDatabase.withSchema { conn, schema in
            let table = "\(quoteIdentifier(schema)).bulk"
            try conn.execute("create table \(table) (n int primary key)")
            let rows: [[PGValue]] = (0..<5000).map { [.init($0 == 4000 ? 1 : $0)] }
            let error = try #require(
                #expect(throws: DatabaseError.self) { try conn.copyIn("COPY \(table) (n) FROM STDIN", rows: rows) })
            #expect(error.code == .copyFailed)
            #expect(error.isUniqueViolation)
            #expect(try conn.execute("select count(*) from \(table)").rows[0].decode(Int.self, at: 0) == 0)
        }
    }

    @Test func nulCharacterAbortsTheCopyOnTheClient() throws {
        try TestDatabase.withSchema { conn, schema in
            let table = "\(quoteIdentifier(schema)).bulk"
            try conn.execute("create table \(table) (t text)")
            let error = #expect(throws: DatabaseError.self) {
                try conn.copyIn("COPY \(table) (t) FROM STDIN", rows: [["fine"], ["bad\u{0}"]])
            }
            #expect(error?.code == .copyFailed)
            #expect(try conn.execute("select count(*) from \(table)").rows[0].decode(Int.self, at: 0) == 0)
        }
    }
}
