import Foundation
import LeadTracStorage
import Testing

@Suite("Values round-trip through PostgreSQL")
struct ValueRoundTripTests {
    static let awkwardTexts: [String] = [
        "plain",
        "",
        "héllo wörld 🌍 中文",
        "tab\there",
        "line\nbreak\r\nwindows",
        "back\\slash \\N \\x41",
        "quote\" and 'single'",
        "NULL",
        "{braces,comma}",
        "  padded  ",
    ]

    @Test(arguments: awkwardTexts)
    func textAndTextArrayElementsRoundTrip(text: String) throws {
        try TestDatabase.withSchema { conn, schema in
            let table = "\(quoteIdentifier(schema)).texts"
            try conn.execute("create table \(table) (t text, ta text[])")
            let array: [String?] = [text, nil, "NULL", "", text + "," + text]
            try conn.execute("insert into \(table) values ($1, $2::text[])", [.init(text), .init(array)])

            let row = try #require(
                try conn.execute("select t, ta, array_length(ta, 1), ta[2] is null from \(table)").rows.first)
            #expect(try row.decode(String.self, at: 0) == text)
            #expect(try row.decode([String?].self, at: 1) == array)
            #expect(try row.decode(Int.self, at: 2) == 5)
            #expect(try row.decode(Bool.self, at: 3))
        }
    }

    @Test func everyScalarTypeRoundTripsWithNulls() throws {
        try TestDatabase.withSchema { conn, schema in
            let table = "\(quoteIdentifier(schema)).scalars"
            try conn.execute(
                """
                create table \(table) (
                    id int primary key, i int8, i32 int4, n bigint, d float8, b bool, ts timestamptz,
                    u uuid, by bytea, ia int8[], s text)
                """)
            let uuid = UUID()
            let bytes = (0...255).map(UInt8.init)
            let date = Date(timeIntervalSinceReferenceDate: 700_000_000.123456)
            let int64s: [Int64] = [Int64.min, -1, 0, 42, Int64.max]
            try conn.execute(
                "insert into \(table) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::int8[], $11)",
                [
                    1, .init(Int64.max), .init(Int32.min), .init(Int.min), .init(0.1), true, .init(date),
                    .init(uuid), .init(bytes), .init(int64s), "x",
                ])
            let missing: String? = nil
            try conn.execute(
                "insert into \(table) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
                [2, nil, nil, nil, nil, nil, nil, nil, nil, nil, .init(missing)])

            let rows = try conn.execute("select * from \(table) order by id").rows
            #expect(rows.count == 2)
            let full = rows[0]
            #expect(try full.decode(Int64.self, column: "i") == Int64.max)
            #expect(try full.decode(Int32.self, column: "i32") == Int32.min)
            #expect(try full.decode(Int.self, column: "n") == Int.min)
            #expect(try full.decode(Double.self, column: "d") == 0.1)
            #expect(try full.decode(Bool.self, column: "b") == true)
            #expect(try full.decode(Date.self, column: "ts") == date)
            #expect(try full.decode(UUID.self, column: "u") == uuid)
            #expect(try full.decode([UInt8].self, column: "by") == bytes)
            #expect(try full.decode([Int64].self, column: "ia") == int64s)
            #expect(try full.decode(String?.self, column: "s") == "x")

            let empty = rows[1]
            for column in 1..<empty.columns.count { #expect(empty.isNull(at: column)) }
            #expect(try empty.decode(Int64?.self, column: "i") == nil)
            #expect(try empty.decode(Date?.self, column: "ts") == nil)
            #expect(try empty.decode([UInt8]?.self, column: "by") == nil)
            #expect(try empty.decode([Int64]?.self, column: "ia") == nil)
            let error = #expect(throws: DatabaseError.self) { try empty.decode(Int64.self, column: "i") }
            #expect(error?.code == .decodingFailed)
        }
    }

    @Test func serverReadsEncodedValuesAsIntended() throws {
        let conn = try TestDatabase.connect()
        let date = Date(timeIntervalSince1970: 1_678_451_696.789012)
        let row = try #require(
            try conn.execute(
                """
                select $1::timestamptz = '2023-03-10 12:34:56.789012+00'::timestamptz,
                       length($2::bytea), get_byte($2::bytea, 0), get_byte($2::bytea, 255),
                       $3::bool, $4::float8 = 'Infinity'::float8, $5::int8[] = array[1, -2]::int8[]
                """,
                [.init(date), .init((0...255).map(UInt8.init)), false, .init(Double.infinity), .init([Int64(1), -2])]
            ).rows.first)
        #expect(try row.decode(Bool.self, at: 0))
        #expect(try row.decode(Int.self, at: 1) == 256)
        #expect(try row.decode(Int.self, at: 2) == 0)
        #expect(try row.decode(Int.self, at: 3) == 255)
        #expect(try row.decode(Bool.self, at: 4) == false)
        #expect(try row.decode(Bool.self, at: 5))
        #expect(try row.decode(Bool.self, at: 6))
    }

    /// Bytes go as binary parameters, next to text ones and NULLs: an empty value stays an empty
    /// bytea (not NULL), and a NUL byte is just a byte.
    @Test func bytesParametersAreSentAsTheyAreBesideTextAndNull() throws {
        let conn = try TestDatabase.connect()
        let row = try #require(
            try conn.execute(
                """
                select $1::text, $2::bytea IS NULL, length($2::bytea), $3::bytea = '\\x00ff0041'::bytea,
                       $4::text IS NULL, $5::bytea
                """,
                ["before", .bytes([]), .bytes([0, 255, 0, 65]), nil, .bytes([1, 2, 3])]
            ).rows.first)
        #expect(try row.decode(String.self, at: 0) == "before")
        #expect(try row.decode(Bool.self, at: 1) == false)
        #expect(try row.decode(Int.self, at: 2) == 0)
        #expect(try row.decode(Bool.self, at: 3))
        #expect(try row.decode(Bool.self, at: 4))
        #expect(try row.decode([UInt8].self, at: 5) == [1, 2, 3])
    }

    @Test(arguments: [
        -2_000_000_000.000001, -0.5, 0, 1_700_000_000.999999, 4_102_444_800.000001,
    ])
    func datesKeepMicroseconds(secondsSince1970: Double) throws {
        let conn = try TestDatabase.connect()
        let date = Date(timeIntervalSince1970: secondsSince1970)
        let echoed = try conn.execute("select $1::timestamptz", [.init(date)]).rows[0].decode(Date.self, at: 0)
        let expectedMicros = (date.timeIntervalSince1970 * 1_000_000).rounded()
        #expect((echoed.timeIntervalSince1970 * 1_000_000).rounded() == expectedMicros)
    }

    @Test(arguments: ["Asia/Kolkata", "America/St_Johns", "Europe/Amsterdam", "Pacific/Chatham"])
    func timestamptzOutputInOtherSessionZonesDecodes(zone: String) throws {
        let conn = try TestDatabase.connect()
        try conn.executeScript("SET TIME ZONE '\(zone)'")
        // 1900 exercises local-mean-time offsets with seconds (e.g. +00:19:32).
        let rows = try conn.execute(
            """
            select '2024-02-29 23:59:59.5+00'::timestamptz, '2024-02-29 23:59:59.5+00'::timestamptz::text,
                   '1900-06-01 00:00:00+00'::timestamptz
            """
        ).rows
        #expect(try rows[0].decode(Date.self, at: 0) == Date(timeIntervalSince1970: 1_709_251_199.5))
        #expect(try !rows[0].decode(String.self, at: 1).hasSuffix("+00"))
        #expect(try rows[0].decode(Date.self, at: 2) == Date(timeIntervalSince1970: -2_195_942_400))
    }

    @Test func doublesKeepSpecialValuesAndPrecision() throws {
        let conn = try TestDatabase.connect()
        let values: [Double] = [0.1, -1e300, .leastNonzeroMagnitude, .infinity, -.infinity, 123_456_789.123_456_78]
        for value in values {
            let echoed = try conn.execute("select $1::float8", [.init(value)]).rows[0].decode(Double.self, at: 0)
            #expect(echoed == value)
        }
        let nan = try conn.execute("select $1::float8", [.init(Double.nan)]).rows[0].decode(Double.self, at: 0)
        #expect(nan.isNaN)
    }
}

@Suite("Decoding PostgreSQL text output")
struct DecodingTests {
    @Test func parsesArrayOutputVariants() throws {
        let parsed = try [String?](pgText: ArraySlice(#"{a,"b c",NULL,"NULL","",  d  ,"q\"\\"}"#.utf8))
        #expect(parsed == ["a", "b c", nil, "NULL", "", "d", "q\"\\"])
        #expect(try [String](pgText: ArraySlice("[0:1]={x,y}".utf8)) == ["x", "y"])
        #expect(try [Int64](pgText: ArraySlice("{}".utf8)) == [])
        #expect(throws: DatabaseError.self) { try [String](pgText: ArraySlice("{{a},{b}}".utf8)) }
        #expect(throws: DatabaseError.self) { try [String](pgText: ArraySlice("{a,NULL}".utf8)) }
        #expect(throws: DatabaseError.self) { try [String](pgText: ArraySlice("{\"a}".utf8)) }
    }

    @Test func parsesTimestampOffsetsAndEras() throws {
        func date(_ text: String) throws -> Date { try Date(pgText: ArraySlice(text.utf8)) }
        #expect(try date("1900-01-01 00:19:32+00:19:32") == date("1900-01-01 00:00:00+00"))
        #expect(try date("2024-05-01 17:30:00+05:30") == date("2024-05-01 12:00:00Z"))
        #expect(try date("2024-05-01 08:00:00.25-04") == Date(timeIntervalSince1970: 1_714_564_800.25))
        #expect(try date("2024-05-01") == Date(timeIntervalSince1970: 1_714_521_600))
        #expect(try date("0001-01-01 00:00:00+00 BC") < date("0001-01-01 00:00:00+00"))
        #expect(throws: DatabaseError.self) { try date("infinity") }
        #expect(throws: DatabaseError.self) { try date("2024-13-01 00:00:00+00") }
    }

    @Test func rejectsMalformedScalars() {
        #expect(throws: DatabaseError.self) { try Int32(pgText: ArraySlice("2147483648".utf8)) }
        #expect(throws: DatabaseError.self) { try Int(pgText: ArraySlice("12a".utf8)) }
        #expect(throws: DatabaseError.self) { try Bool(pgText: ArraySlice("yes".utf8)) }
        #expect(throws: DatabaseError.self) { try [UInt8](pgText: ArraySlice("\\x0g".utf8)) }
        #expect(throws: DatabaseError.self) { try UUID(pgText: ArraySlice("not-a-uuid".utf8)) }
        #expect((try? Int64(pgText: ArraySlice("-9223372036854775808".utf8))) == Int64.min)
    }

    @Test func parameterDescriptionsHideValues() {
        let value = PGValue("jane.doe@example.com")
        #expect(!"\(value)".contains("jane"))
    }
}
