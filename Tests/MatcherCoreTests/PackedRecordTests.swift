import Foundation
import MatcherCore
import Testing

@Suite struct PackedRecordTests {
    @Test func aFullPersonRoundTrips() throws {
        let record = MatchRecord(
            kind: .person,
            names: [PersonName(given: "maria jose", family: "garcia lopez"), PersonName(given: "", family: "garcia")],
            dateOfBirth: Fixture.date(1990, 3), sex: .female, countryOfBirth: "MEX", citizenship: ["MEX", "USA"],
            identifiers: [Fixture.passport("G1234567"), Identifier(type: IdentifierType.phone, value: "+15555550100")],
            addresses: [Address(line: "12 invented way", zip5: "00501"), Address(line: "no zip lane")])
        #expect(try MatchRecord(packed: record.packed) == record)
    }

    @Test func theFormatIsTheDocumentedOne() {
        let record = MatchRecord(
            given: "maria", family: "garcia lopez", dateOfBirth: Fixture.date(1990, 3), sex: .female,
            countryOfBirth: "MEX", citizenship: ["MEX"], identifiers: [Fixture.passport("G12345678")])
        #expect(record.packed == "m1;p1;5:maria12:garcia lopez1990;3;-f3:MEX1;3:MEX1;8:passport3:MEX9:G123456780;-")
    }

    @Test func emptyAndAbsentValuesStayApart() throws {
        let empty = MatchRecord(kind: .organisation, names: [PersonName(given: "", family: "")], schoolCode: "")
        let absent = MatchRecord(kind: .organisation)
        #expect(try MatchRecord(packed: empty.packed) == empty)
        #expect(try MatchRecord(packed: absent.packed) == absent)
        #expect(empty.packed != absent.packed)
    }

    /// Lengths count UTF-8 bytes, so separators and multi-byte letters inside values are data.
    @Test func separatorsAndNonASCIIInsideValuesRoundTrip() throws {
        let record = MatchRecord(
            given: "zoë", family: "o'brien-núñez 3:x;-", dateOfBirth: Fixture.date(2001, 12, 31),
            identifiers: [Identifier(type: "dl", issuer: "-", value: "1;2:3")],
            addresses: [Address(line: "m1;p0;", zip5: nil)])
        #expect(try MatchRecord(packed: record.packed) == record)
    }

    @Test func damagedTextIsRefusedWithWhereItStopped() {
        let text = MatchRecord(given: "ana", family: "lima", dateOfBirth: Fixture.date(1980, 1, 2)).packed
        #expect(throws: PackedRecordError(offset: 0, expected: "m1;")) { try MatchRecord(packed: "m2;" + text.dropFirst(3)) }
        #expect(throws: PackedRecordError.self) { try MatchRecord(packed: String(text.dropLast())) }
        #expect(throws: PackedRecordError.self) { try MatchRecord(packed: text + "x") }
        // A string length running past the end.
        #expect(throws: PackedRecordError.self) { try MatchRecord(packed: "m1;p1;99:ana") }
        #expect(throws: PackedRecordError(offset: 3, expected: "kind")) { try MatchRecord(packed: "m1;x") }
    }

    @Test func everySyntheticShapeRoundTrips() throws {
        // Each optional field present and absent, in combination.
        for mask in 0..<64 {
            let record = MatchRecord(
                kind: .person, names: mask & 1 == 0 ? [] : [PersonName(given: "li", family: "wei")],
                dateOfBirth: mask & 2 == 0 ? nil : PartialDate(year: 1970, month: mask & 4 == 0 ? nil : 7, day: 9),
                sex: mask & 8 == 0 ? nil : .male, countryOfBirth: mask & 16 == 0 ? nil : "CHN",
                identifiers: mask & 32 == 0 ? [] : [Identifier(type: "anumber", value: "A200000001")])
            #expect(try MatchRecord(packed: record.packed) == record, "mask \(mask)")
        }
    }
}
