import LeadTracDomain
import Testing

@testable import IngestCore

@Suite struct ImportMappingTests {
    static let example = """
        format: csv
        delimiter: ","
        header: true
        dateOrder: month-first
        nameOrder: given-first
        defaults: { kind: person, category: overstay }
        columns:
          record_id: { field: sourceRecordId }
          last: { field: person.name.family }
          first: { field: person.name.given }
          full_name: { field: person.name.full, nameOrder: family-first }
          dob: { field: person.dateOfBirth, dateFormat: "DD/MM/YYYY" }
          passport_no: { field: person.identifiers, identifierType: passport, issuingCountryColumn: passport_country }
          passport_country: { field: ignore }
          ssn: { field: person.identifiers, identifierType: ssn }
          street: { field: "person.addresses[0].lines[0]" }
          city: { field: person.addresses.0.city }
          state: { field: person.addresses.0.state }
          zip:
            field: person.addresses[0].zip
          phone: { field: person.phones }
          email: { field: person.emails }
        """

    @Test func loadsTheDocumentedExample() throws {
        let mapping = try ImportMapping.load(yaml: Self.example)
        #expect(mapping.format == .csv)
        #expect(mapping.dateOrder == .monthFirst)
        #expect(mapping.nameOrder == .givenFirst)
        #expect(mapping.defaults == [FieldDefault(field: .kind, value: "person"), FieldDefault(field: .category, value: "overstay")])
        let columns = try #require(mapping.columns)
        #expect(columns.map(\.name).first == "record_id")
        #expect(columns.count == 14)
        let passport = try #require(columns.first { $0.name == "passport_no" })
        #expect(passport.identifierType == .passport)
        #expect(passport.issuingCountryColumn == "passport_country")
        #expect(columns.first { $0.name == "street" }?.field == .personAddress(index: 0, .line(0)))
        #expect(columns.first { $0.name == "full_name" }?.nameOrder == .familyFirst)
    }

    struct Case: Sendable, CustomStringConvertible {
        let description: String
        let yaml: String
        let code: ImportMappingIssue.Code
        let keyPath: String
    }

    static let base = "format: csv\ncolumns:\n  id: { field: sourceRecordId }\n"

    static let cases: [Case] = [
        Case(description: "unknown canonical field", yaml: base + "  x: { field: person.shoeSize }\n",
             code: .unknownField, keyPath: "columns.x.field"),
        Case(description: "bad index", yaml: base + "  x: { field: \"person.addresses[x].city\" }\n",
             code: .unknownField, keyPath: "columns.x.field"),
        Case(description: "unknown identifier type", yaml: base + "  x: { field: person.identifiers, identifierType: library-card }\n",
             code: .unknownIdentifierType, keyPath: "columns.x.identifierType"),
        Case(description: "identifier without type", yaml: base + "  x: { field: person.identifiers }\n",
             code: .missingIdentifierType, keyPath: "columns.x.identifierType"),
        Case(description: "issuing country column not declared",
             yaml: base + "  x: { field: person.identifiers, identifierType: passport, issuingCountryColumn: nowhere }\n",
             code: .unknownColumn, keyPath: "columns.x.issuingCountryColumn"),
        Case(description: "bad date format", yaml: base + "  x: { field: person.dateOfBirth, dateFormat: \"DD/MM/YY\" }\n",
             code: .invalidDateFormat, keyPath: "columns.x.dateFormat"),
        Case(description: "date format on a name", yaml: base + "  x: { field: person.name.full, dateFormat: \"YYYY\" }\n",
             code: .dateFormatOnOtherField, keyPath: "columns.x.dateFormat"),
        Case(description: "column without field", yaml: base + "  x: { nameOrder: family-first }\n",
             code: .missingField, keyPath: "columns.x.field"),
        Case(description: "typo in a column key", yaml: base + "  x: { field: person.sex, feild: person.sex }\n",
             code: .unknownKey, keyPath: "columns.x.feild"),
        Case(description: "unknown top-level key", yaml: base + "colums: {}\n", code: .unknownKey, keyPath: "colums"),
        Case(description: "unknown format", yaml: "format: ods\ncolumns:\n  id: { field: sourceRecordId }\n",
             code: .unknownFormat, keyPath: "format"),
        Case(description: "unknown date order", yaml: base + "dateOrder: sideways\n", code: .unknownDateOrder, keyPath: "dateOrder"),
        Case(description: "header not a boolean", yaml: base + "header: maybe\n", code: .wrongType, keyPath: "header"),
        Case(description: "column not a mapping", yaml: base + "  x: person.sex\n", code: .wrongType, keyPath: "columns.x"),
        Case(description: "no record id", yaml: "columns:\n  x: { field: person.sex }\n",
             code: .missingSourceRecordId, keyPath: "columns"),
        Case(description: "default for an unknown field", yaml: base + "defaults: { colour: blue }\n",
             code: .unknownField, keyPath: "defaults.colour"),
        Case(description: "two columns, one field", yaml: base + "  a: { field: person.sex }\n  b: { field: person.sex }\n",
             code: .duplicateField, keyPath: "columns.b.field"),
        Case(description: "headerless column not a position", yaml: "header: false\ncolumns:\n  1: { field: sourceRecordId }\n  name: { field: person.sex }\n",
             code: .invalidColumnName, keyPath: "columns.name"),
        Case(description: "CSV without columns", yaml: "format: csv\n", code: .missingColumns, keyPath: "columns"),
        Case(description: "not YAML", yaml: "columns: [unclosed", code: .invalidYAML, keyPath: "$"),
        Case(description: "unquoted brackets in a flow mapping",
             yaml: base + "  x: { field: person.addresses[0].city }\n", code: .invalidYAML, keyPath: "$"),
    ]

    @Test(arguments: cases)
    func reportsProblemWithKeyPath(_ testCase: Case) throws {
        let error = try #require(throws: ImportMappingError.self) { try ImportMapping.load(yaml: testCase.yaml) }
        #expect(error.issues.map(\.code) == [testCase.code])
        #expect(error.issues.map(\.keyPath) == [testCase.keyPath])
    }

    @Test func reportsEveryProblemAtOnce() throws {
        let yaml = Self.base + "  a: { field: nope }\n  b: { field: person.identifiers, identifierType: nope }\n"
        let error = try #require(throws: ImportMappingError.self) { try ImportMapping.load(yaml: yaml) }
        #expect(Set(error.issues.map(\.keyPath)) == ["columns.a.field", "columns.b.identifierType"])
    }

    @Test func jsonLinesMayOmitColumns() throws {
        let mapping = try ImportMapping.load(yaml: "format: jsonl\n")
        #expect(mapping.columns == nil)
        #expect(mapping.format == .jsonl)
    }

    @Test func dateFormatRewritesToISO() throws {
        let format = try #require(DateFormat("DD/MM/YYYY"))
        #expect(format.isoDate(from: "7/3/1990") == "1990-03-07")
        #expect(format.isoDate(from: "07/03/1990") == "1990-03-07")
        #expect(format.isoDate(from: "1990-03-07") == nil)
        #expect(format.isoDate(from: "07/03/90") == nil)
        #expect(DateFormat("MM.YYYY")?.isoDate(from: "3.1990") == "1990-03")
        #expect(DateFormat("DDMMYYYY") == nil)
        #expect(DateFormat("DD/YYYY") == nil)
    }

    @Test func canonicalFieldPathsRoundTrip() throws {
        for path in [
            "person.name.full", "person.aliases[2].given", "person.addresses[1].lines[0]", "person.travel[0].date",
            "person.visas[3].issuedOn", "organisation.officials[0].family", "organisation.addresses[0].zip",
        ] {
            #expect(CanonicalField(path: path)?.path == path)
        }
        #expect(CanonicalField(path: "person.addresses.1.lines.0") == .personAddress(index: 1, .line(0)))
        #expect(CanonicalField(path: "person.addresses[10].city") == nil)
        #expect(CanonicalField(path: "person.name[0].full") == nil)
        #expect(CanonicalField(path: "person..name") == nil)
    }
}
