import Testing
import WorkflowCore

@Suite("Jurisdiction")
struct JurisdictionTests {
    /// MA belongs to FO01, except the 021 sectional centre (FO02) and, within it, 02134 (FO03).
    static func table() throws -> JurisdictionTable {
        try JurisdictionTable(
            offices: [
                FieldOffice(id: "FO00", name: "Field Office 00 — National Intake"),
                FieldOffice(id: "FO01", name: "Field Office 01 — Northeast"),
                FieldOffice(id: "FO02", name: "Field Office 02 — Harbour"),
                FieldOffice(id: "FO03", name: "Field Office 03 — Riverside"),
            ],
            defaultOfficeID: "FO00",
            entries: [
                JurisdictionEntry(.state("MA"), officeID: "FO01"),
                JurisdictionEntry(.state("NY"), officeID: "FO01"),
                JurisdictionEntry(.zip3("021"), officeID: "FO02"),
                JurisdictionEntry(.zip5("02134"), officeID: "FO03"),
            ])
    }

    struct LookupCase: CustomTestStringConvertible, Sendable {
        let state: String?
        let zip: String?
        let office: String
        let level: JurisdictionMatch.Level
        var testDescription: String { "\(state ?? "-") \(zip ?? "-") → \(office) by \(level.rawValue)" }
    }

    static let lookups: [LookupCase] = [
        LookupCase(state: "MA", zip: "02134", office: "FO03", level: .zip5),
        LookupCase(state: "MA", zip: "02139", office: "FO02", level: .zip3),
        LookupCase(state: "MA", zip: "01002", office: "FO01", level: .state),
        LookupCase(state: "MA", zip: nil, office: "FO01", level: .state),
        LookupCase(state: nil, zip: "02134", office: "FO03", level: .zip5),
        LookupCase(state: nil, zip: "02199", office: "FO02", level: .zip3),
        LookupCase(state: nil, zip: "90210", office: "FO00", level: .default),
        LookupCase(state: nil, zip: nil, office: "FO00", level: .default),
        LookupCase(state: "TX", zip: "75001", office: "FO00", level: .default),
        // ZIP wins over a state that disagrees with it.
        LookupCase(state: "NY", zip: "02134", office: "FO03", level: .zip5),
        // ZIP forms.
        LookupCase(state: nil, zip: "02134-1234", office: "FO03", level: .zip5),
        LookupCase(state: nil, zip: "02134 1234", office: "FO03", level: .zip5),
        LookupCase(state: nil, zip: "021341234", office: "FO03", level: .zip5),
        LookupCase(state: nil, zip: " 02134 ", office: "FO03", level: .zip5),
        // Unusable ZIPs fall through to the state; unknown states to the default.
        LookupCase(state: "MA", zip: "2134", office: "FO01", level: .state),
        LookupCase(state: "MA", zip: "02134-12", office: "FO01", level: .state),
        LookupCase(state: "MA", zip: "0213A", office: "FO01", level: .state),
        LookupCase(state: "MA", zip: "00000", office: "FO01", level: .state),
        LookupCase(state: "ma", zip: "", office: "FO01", level: .state),
        LookupCase(state: " ny ", zip: nil, office: "FO01", level: .state),
        LookupCase(state: "Massachusetts", zip: nil, office: "FO00", level: .default),
        LookupCase(state: "ZZ", zip: "01002", office: "FO00", level: .default),
    ]

    @Test(arguments: Self.lookups)
    func theMostSpecificEntryWins(_ c: LookupCase) throws {
        let match = try Self.table().office(state: c.state, zip: c.zip)
        #expect(match.office.id == c.office)
        #expect(match.level == c.level)
    }

    @Test func aMatchCarriesTheOfficeName() throws {
        #expect(try Self.table().office(state: "MA", zip: "02139").office.name == "Field Office 02 — Harbour")
        #expect(try Self.table().office(id: "FO03")?.name == "Field Office 03 — Riverside")
        #expect(try Self.table().office(id: "FO09") == nil)
    }

    // MARK: Validation

    @Test func everyBadEntryIsReported() {
        do {
            _ = try JurisdictionTable(
                offices: [
                    FieldOffice(id: "FO01", name: "Field Office 01"),
                    FieldOffice(id: "FO01", name: "Field Office 01 again"),
                    FieldOffice(id: "FO 2", name: "Field Office 02"),
                    FieldOffice(id: "FO03", name: "  "),
                ],
                defaultOfficeID: "FO99",
                entries: [
                    JurisdictionEntry(.state("XX"), officeID: "FO01"),
                    JurisdictionEntry(.state("ny"), officeID: "FO01"),
                    JurisdictionEntry(.zip5("2134"), officeID: "FO01"),
                    JurisdictionEntry(.zip5("00000"), officeID: "FO01"),
                    JurisdictionEntry(.zip3("02"), officeID: "FO01"),
                    JurisdictionEntry(.zip3("000"), officeID: "FO01"),
                    JurisdictionEntry(.zip3("021"), officeID: "FO07"),
                    JurisdictionEntry(.state("MA"), officeID: "FO01"),
                    JurisdictionEntry(.state("MA"), officeID: "FO03"),
                ])
            Issue.record("accepted an invalid table")
        } catch {
            let found = error.issues.map { "\($0.keyPath) \($0.code.rawValue)" }
            #expect(
                found == [
                    "offices.FO01 jurisdiction.duplicate-office", "offices.FO 2 jurisdiction.invalid-office-id",
                    "offices.FO03 jurisdiction.empty-office-name", "default jurisdiction.unknown-office",
                    "states.XX jurisdiction.invalid-state", "states.ny jurisdiction.invalid-state",
                    "zip5.2134 jurisdiction.invalid-zip5", "zip5.00000 jurisdiction.invalid-zip5",
                    "zip3.02 jurisdiction.invalid-zip3", "zip3.000 jurisdiction.invalid-zip3",
                    "zip3.021 jurisdiction.unknown-office", "states.MA jurisdiction.duplicate-area",
                ])
            #expect(error.table == "jurisdiction")
        }
    }

    @Test func aTableWithOnlyADefaultIsValid() throws {
        let table = try JurisdictionTable(
            offices: [FieldOffice(id: "HQ", name: "Field Office HQ")], defaultOfficeID: "HQ", entries: [])
        #expect(table.office(state: "CA", zip: "90210").level == .default)
    }

    // MARK: YAML

    @Test func aTableIsLoadedFromYAML() throws {
        let table = try JurisdictionTable(
            yaml: """
                offices:
                  FO00: Field Office 00 — National Intake
                  FO01: "Field Office 01 — Northeast"
                  FO02: Field Office 02 — Harbour
                default: FO00
                states: { MA: FO01, NY: FO01 }
                zip3: { "021": FO02 }
                zip5:
                  "02134": FO01
                  01002: FO02
                """)
        #expect(table.office(state: "MA", zip: "02139").office.id == "FO02")
        #expect(table.office(state: "MA", zip: "02134").office.id == "FO01")
        #expect(table.office(state: nil, zip: "01002").level == .zip5, "an unquoted ZIP keeps its leading zero")
        #expect(table.office(state: nil, zip: "01002").office.id == "FO02")
        #expect(table.office(state: "VT", zip: nil).office.name == "Field Office 00 — National Intake")
    }

    @Test func missingSectionsAndUnknownKeysAreReported() {
        do {
            _ = try JurisdictionTable(yaml: "states: { MA: FO01 }\nzips: { \"02134\": FO01 }\n")
            Issue.record("accepted an invalid table")
        } catch {
            #expect(error.issues.map(\.keyPath) == ["zips", "offices", "default"])
            #expect(error.codes == [.unknownKey, .missingKey, .missingKey])
        }
    }

    @Test func wrongShapesAreReported() {
        do {
            _ = try JurisdictionTable(
                yaml: """
                    offices: [FO00]
                    default: { id: FO00 }
                    states: { MA: [FO01] }
                    """)
            Issue.record("accepted an invalid table")
        } catch {
            #expect(error.issues.map(\.keyPath) == ["offices", "default", "states.MA"])
            #expect(error.codes == [.wrongType, .wrongType, .wrongType])
        }
    }

    @Test func entriesFromYAMLAreValidatedLikeEntriesInCode() {
        do {
            _ = try JurisdictionTable(
                yaml: """
                    offices: { FO00: Field Office 00 }
                    default: FO00
                    zip5: { "2134": FO00 }
                    states: { MA: FO01 }
                    """)
            Issue.record("accepted an invalid table")
        } catch {
            #expect(
                error.issues.map { "\($0.keyPath) \($0.code.rawValue)" }
                    == ["zip5.2134 jurisdiction.invalid-zip5", "states.MA jurisdiction.unknown-office"])
        }
    }

    @Test func documentAndEntryProblemsAreReportedTogether() {
        do {
            _ = try JurisdictionTable(yaml: """
                offices: { FO00: Field Office 00 }
                default: FO00
                zip4: { "0213": FO00 }
                states: { QQ: FO00 }
                """)
            Issue.record("accepted an invalid table")
        } catch {
            #expect(error.issues.map(\.keyPath) == ["zip4", "states.QQ"])
            #expect(error.codes == [.unknownKey, .invalidState])
        }
    }

    // MARK: The synthetic default table

    @Test(arguments: [
        ("NY", "FO01", "Field Office 01 — Northeast"), ("VA", "FO02", "Field Office 02 — Mid-Atlantic"),
        ("PR", "FO03", "Field Office 03 — Southeast"), ("OH", "FO04", "Field Office 04 — Great Lakes"),
        ("KS", "FO05", "Field Office 05 — Central"), ("TX", "FO06", "Field Office 06 — Southwest"),
        ("UT", "FO07", "Field Office 07 — Mountain"), ("GU", "FO08", "Field Office 08 — Pacific"),
        ("AE", "FO00", "Field Office 00 — National Intake"),
    ])
    func theSyntheticTableRoutesByRegion(_ state: String, _ id: String, _ name: String) {
        let match = JurisdictionTable.synthetic.office(state: state, zip: "12345")
        #expect(match.office.id == id)
        #expect(match.office.name == name)
    }

    @Test func theSyntheticTableCoversEveryStateAndTerritory() {
        let military: Set<String> = ["AA", "AE", "AP"]
        let codes = [
            "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS", "KY",
            "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY", "NC", "ND", "OH",
            "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY",
            "AS", "GU", "MP", "PR", "VI", "FM", "MH", "PW",
        ]
        #expect(codes.count == 59)  // 50 states, DC, 8 territories and freely associated states
        for code in codes {
            #expect(JurisdictionTable.synthetic.office(state: code, zip: nil).level == .state, "\(code)")
        }
        for code in military {
            #expect(JurisdictionTable.synthetic.office(state: code, zip: nil).level == .default)
        }
        #expect(JurisdictionTable.synthetic.entries.count == 59)
        #expect(JurisdictionTable.synthetic.offices.count == 9)
    }
}
