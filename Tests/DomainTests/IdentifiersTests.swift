import LeadTracDomain
import Testing

@Suite("Identifiers")
struct IdentifiersTests {
    @Test(
        "valid values normalise",
        arguments: [
            (IdentifierType.ssn, "123-45-6789", "123456789"), (.ssn, "899 99 9999", "899999999"),
            (.alienNumber, "A-012-345-678", "012345678"), (.alienNumber, "1234567", "001234567"),
            (.alienNumber, "a 99 999 999", "099999999"), (.passport, " x12-345 67 ", "X1234567"),
            (.passport, "123456789", "123456789"), (.visaFoil, "a1234567", "A1234567"),
            (.visaFoil, "12345678", "12345678"),
            (.studentProgrammeID, "N 001234 5678", "N0012345678"), (.fingerprintID, "12345-67890", "1234567890"),
            (.admissionNumber, "12345678901", "12345678901"), (.driversLicence, "d123 4567 890", "D1234567890"),
        ])
    func valid(type: IdentifierType, raw: String, value: String) throws {
        #expect(try type.normalise(raw).get() == value)
    }

    @Test(
        "invalid values are rejected with the type's code",
        arguments: [
            (IdentifierType.ssn, "123-45-678O", [ProblemCode.ssnInvalidFormat]),
            (.ssn, "123_45_6789", [.ssnInvalidFormat]),
            (.ssn, "123-45 6789", [.ssnInvalidFormat]), (.ssn, "000-00-0001", [.ssnInvalidArea, .ssnInvalidGroup]),
            (.alienNumber, "B12345678", [.alienNumberInvalidFormat]),
            (.alienNumber, "AA12345678", [.alienNumberInvalidFormat]),
            (.alienNumber, "A", [.alienNumberInvalidLength]),
            (.alienNumber, "A12345678/9", [.alienNumberInvalidFormat]),
            (.passport, "X12", [.passportInvalidFormat]), (.passport, "000000000", [.passportInvalidFormat]),
            (.passport, "X1234567é", [.passportInvalidFormat]), (.visaFoil, "ABCDEFGHJ", [.visaFoilInvalidFormat]),
            (.studentProgrammeID, "M0012345678", [.studentProgrammeIDInvalidFormat]),
            (.studentProgrammeID, "N001234567", [.studentProgrammeIDInvalidFormat]),
            (.fingerprintID, "0000000000", [.fingerprintIDInvalidFormat]),
            (.admissionNumber, "123456789012", [.admissionNumberInvalidFormat]),
            (.driversLicence, "T12", [.driversLicenceInvalidFormat]),
        ])
    func invalid(type: IdentifierType, raw: String, codes: [ProblemCode]) {
        #expect(throws: FieldRejection(codes)) { try type.normalise(raw).get() }
    }

    @Test(
        "type labels",
        arguments: [
            ("A-Number", IdentifierType.alienNumber), ("ARN", .alienNumber), ("SSN", .ssn),
            ("Social Security Number", .ssn),
            ("passport", .passport), ("Visa foil", .visaFoil), ("SEVIS ID", .studentProgrammeID),
            ("FIN", .fingerprintID),
            ("I-94", .admissionNumber), ("driver's licence", .driversLicence), ("drivers_license", .driversLicence),
        ])
    func labels(label: String, type: IdentifierType) {
        #expect(IdentifierType(label: label) == type)
    }

    @Test("one-per-person identifiers conflict whatever the issuer")
    func conflictIgnoresIssuer() {
        let raw = identifierLead(
            RawIdentifier(type: "ssn", value: "123-45-6789", issuingCountry: "USA"),
            RawIdentifier(type: "ssn", value: "234-56-7890"))
        guard case .failure(let failure) = normalise(raw) else {
            Issue.record("accepted")
            return
        }
        #expect(failure.errors.map(Expected.init) == [Expected(.identifierConflicting, "person.identifiers[1].value")])
    }

    @Test("passports from different countries are different identifiers")
    func passportsPerCountry() throws {
        let raw = identifierLead(
            RawIdentifier(type: "passport", value: "X1234567", issuingCountry: "DEU"),
            RawIdentifier(type: "passport", value: "X1234567", issuingCountry: "FRA"))
        let lead = try normalise(raw).get()
        #expect(lead.person?.identifiers.count == 2)
        #expect(lead.warnings.isEmpty)
    }

    @Test("identifiers keep raw value and provenance")
    func keepsRawAndProvenance() throws {
        let person = try #require(acceptedPerson(identifierLead(RawIdentifier(type: "A-Number", value: " A12345678"))))
        let identifier = try #require(person.identifiers.first)
        #expect(identifier.raw == " A12345678")
        #expect(identifier.provenance == fixtureProvenance)
        #expect(person.identifiers(ofType: .alienNumber).count == 1)
    }
}
