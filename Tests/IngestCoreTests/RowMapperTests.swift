import Foundation
import LeadTracDomain
import Testing

@testable import IngestCore

@Suite struct RowMapperTests {
    static let header = [
        "record_id", "last", "first", "full_name", "dob", "passport_no", "passport_country", "ssn", "street", "city",
        "state", "zip", "phone", "email",
    ]

    func mapper() throws -> RowMapper {
        try RowMapper(mapping: try ImportMapping.load(yaml: ImportMappingTests.example), header: Self.header)
    }

    func record(_ fields: [String]) -> CSVRecord {
        CSVRecord(number: 2, byteOffset: 100, nextByteOffset: 200, fields: fields)
    }

    @Test func mapsACSVRowToTheExpectedRawLead() throws {
        let row = record([
            "R-1", "Testperson", "Alex", "Testperson Alex", "07/03/1990", "X1234567", "CAN", "", "1 Test St", "Austin",
            "TX", "73301", "555-0100", "alex@example.test",
        ])
        let mapped = try mapper().map(row).get()
        let expected = RawLead(
            kind: "person", category: "overstay", dateOrder: "monthFirst",
            person: RawPerson(
                name: RawName(full: "Testperson Alex", given: "Alex", family: "Testperson", order: "familyFirst"),
                dateOfBirth: "1990-03-07",
                identifiers: [RawIdentifier(type: "passport", value: "X1234567", issuingCountry: "CAN")],
                addresses: [RawAddress(lines: ["1 Test St"], city: "Austin", state: "TX", zip: "73301")],
                phones: ["555-0100"], emails: ["alex@example.test"]))
        #expect(mapped.sourceRecordID == "R-1")
        #expect(mapped.lead == expected)
    }

    @Test func mappedLeadPassesTheNormaliser() throws {
        let row = record([
            "R-2", "Testperson", "Alex", "", "31/12/1985", "X1234567", "CAN", "123-45-6789", "", "", "", "", "", "",
        ])
        let mapped = try mapper().map(row).get()
        let provenance = Provenance(
            system: "batch", sourceKind: .partnerBatch, sourceRecordID: mapped.sourceRecordID,
            receivedAt: Date(timeIntervalSince1970: 1_700_000_000))
        let lead = try LeadNormaliser().normalise(mapped.lead, provenance: provenance).get()
        #expect(lead.person?.dateOfBirth == PartialDate(year: 1985, month: 12, day: 31))
        #expect(lead.person?.identifiers.count == 2)
        #expect(lead.person?.addresses.isEmpty == true)
    }

    @Test func fileNameOrderAppliesWhenTheColumnHasNone() throws {
        let mapping = try ImportMapping.load(yaml: """
            nameOrder: family-first
            columns:
              id: { field: sourceRecordId }
              name: { field: person.name.full }
            """)
        let mapped = try RowMapper(mapping: mapping, header: ["id", "name"]).map(record(["R-3", "Testperson Alex"])).get()
        #expect(mapped.lead.person?.name?.order == "familyFirst")
    }

    @Test func missingRecordIDAndBadDateAreRowProblems() throws {
        let row = record(["  ", "Testperson", "Alex", "", "1990-03-07", "", "", "", "", "", "", "", "", ""])
        guard case .failure(let rejection) = try mapper().map(row) else {
            Issue.record("expected a rejection")
            return
        }
        #expect(rejection.sourceRecordID == nil)
        #expect(rejection.problems.map(\.code) == ["import.missing-record-id", "import.date-format-mismatch"])
        #expect(rejection.problems[1].field == "person.dateOfBirth")
        #expect(rejection.problems[1].column == "dob")
        #expect(!rejection.problems.map(\.message).joined().contains("1990"))
    }

    @Test func wrongFieldCountIsARowProblem() throws {
        guard case .failure(let rejection) = try mapper().map(record(["R-4", "Testperson"])) else {
            Issue.record("expected a rejection")
            return
        }
        #expect(rejection.problems.map(\.code) == ["import.field-count-mismatch"])
    }

    @Test func emptyCellsAreAbsent() throws {
        let mapped = try mapper().map(record(["R-5"] + Array(repeating: "", count: 13))).get()
        #expect(mapped.lead == RawLead(kind: "person", category: "overstay", dateOrder: "monthFirst"))
    }

    @Test func columnMissingFromTheHeaderIsReported() throws {
        let error = try #require(throws: ImportMappingError.self) {
            try RowMapper(mapping: try ImportMapping.load(yaml: ImportMappingTests.example), header: ["record_id"])
        }
        #expect(error.issues.contains { $0.keyPath == "columns.dob" && $0.code == .columnNotInHeader })
    }

    @Test func headerlessColumnsArePositions() throws {
        let mapping = try ImportMapping.load(yaml: """
            header: false
            columns:
              1: { field: sourceRecordId }
              3: { field: person.name.family }
            """)
        let mapped = try RowMapper(mapping: mapping).map(record(["R-6", "x", "Testperson"])).get()
        #expect(mapped.sourceRecordID == "R-6")
        #expect(mapped.lead.person?.name?.family == "Testperson")
    }
}
