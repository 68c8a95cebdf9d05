import LeadTracDomain
import Testing

@Suite("US postal rules")
struct AddressesTests {
    @Test(
        "ZIP codes",
        arguments: [
            ("12345", "12345", nil), ("12345-6789", "12345", "6789"), ("12345 6789", "12345", "6789"),
            ("123456789", "12345", "6789"), (" 00501 ", "00501", nil),
        ])
    func zip(input: String, zip5: String, zip4: String?) throws {
        let zip = try USPostal.zip(input).get()
        #expect(zip.zip5 == zip5)
        #expect(zip.zip4 == zip4)
    }

    @Test(
        "bad ZIP codes",
        arguments: ["1234", "123456", "12345-678", "1234-56789", "ABCDE", "12345--6789", "00000", "12345-67890"])
    func badZIP(input: String) {
        #expect(throws: FieldRejection(.zipInvalid)) { try USPostal.zip(input).get() }
    }

    @Test(
        "state codes and names",
        arguments: [
            ("ny", "NY"), ("New York", "NY"), ("district of columbia", "DC"), ("Washington D.C.", "DC"),
            ("Puerto Rico", "PR"), ("Armed Forces Europe", "AE"), ("GU", "GU"),
        ])
    func states(input: String, code: String) {
        #expect(USPostal.stateCode(input) == code)
    }

    @Test("the USPS list: 50 states, DC, 5 territories, 3 freely associated states, 3 military codes")
    func stateCount() {
        #expect(USPostal.stateCodes.count == 62)
        #expect(USPostal.stateCode("Ontario") == nil)
    }

    @Test("duplicate addresses collapse; the same place for another period does not")
    func duplicates() throws {
        let raw = personLead {
            $0.addresses = [
                street(),
                RawAddress(
                    lines: ["1 example plaza"], city: "testville", state: "new york", zip: "10001", country: "US"),
                RawAddress(lines: ["1 Example Plaza"], city: "Testville", state: "NY", zip: "10001", validFrom: "2019"),
            ]
        }
        let lead = try normalise(raw).get()
        #expect(lead.person?.addresses.count == 2)
        #expect(lead.warnings.map(Expected.init) == [Expected(.addressDuplicate, "person.addresses[1]")])
    }
}

@Suite("Phones and e-mails")
struct ContactsTests {
    @Test(
        "phones in E.164",
        arguments: [
            ("2025550143", "+12025550143"), ("202-555-0143", "+12025550143"), ("1 (202) 555-0143", "+12025550143"),
            ("+1 202 555 0143", "+12025550143"), ("+33 1 23 45 67 89", "+33123456789"),
            ("0033 1 23 45 67 89", "+33123456789"),
            ("+86 10 1234 5678", "+861012345678"), ("202/555.0143", "+12025550143"),
        ])
    func phones(input: String, e164: String) throws {
        #expect(try PhoneNumber.normalise(input).get().e164 == e164)
    }

    @Test(
        "bad phones",
        arguments: [
            "", "12345", "+0 123 456 789", "+1 202 555 014", "(911) 555-0143", "(202) 155-0143", "202-555-0143 x",
            "202-555-0143 ext 1234567", "202-555-0143 call me", "+44 20 +7946", "+1234567890123456", "202-555-O143",
        ])
    func badPhones(input: String) {
        #expect(throws: FieldRejection(.phoneInvalid)) { try PhoneNumber.normalise(input).get() }
    }

    @Test(
        "extensions in several spellings",
        arguments: ["202-555-0143 x12", "202-555-0143 ext. 12", "202-555-0143 Extension 12", "202-555-0143 #12"])
    func extensions(input: String) throws {
        let parts = try PhoneNumber.normalise(input).get()
        #expect(parts.e164 == "+12025550143")
        #expect(parts.phoneExtension == "12")
    }

    @Test(
        "e-mail addresses",
        arguments: [
            ("Alex.Testperson@EXAMPLE.com", "Alex.Testperson@example.com"),
            ("mailto:alex@example.org", "alex@example.org"),
            ("alex+tag@mail.example.co.uk", "alex+tag@mail.example.co.uk"),
            ("a_b-c@xn--bcher-kva.example", "a_b-c@xn--bcher-kva.example"),
        ])
    func emails(input: String, address: String) throws {
        #expect(try EmailAddress.normalise(input).get() == address)
    }

    @Test(
        "bad e-mail addresses",
        arguments: [
            "", "alex", "@example.com", "alex@", "alex@.example.com", "alex@example..com", ".alex@example.com",
            "alex.@example.com",
            "alex testperson@example.com", "alex@-example.com", "alex@example.c", "alex@example.123",
            "jörg@example.com",
            "\"alex\"@example.com", "alex@exam_ple.com",
        ])
    func badEmails(input: String) {
        #expect(throws: FieldRejection(.emailInvalid)) { try EmailAddress.normalise(input).get() }
    }
}
