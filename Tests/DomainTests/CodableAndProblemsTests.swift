import Foundation
import LeadTracDomain
import Testing

@Suite("Wire shapes and problem reporting")
struct CodableAndProblemsTests {
    static let upstreamJSON = """
        {
          "kind": "person",
          "category": "overstay",
          "dateOrder": "monthFirst",
          "unexpectedField": 42,
          "person": {
            "name": {"full": "TESTPERSON, Alex Quinn"},
            "aliases": [{"given": "Sam", "family": "Testperson"}],
            "dateOfBirth": "1990-07",
            "sex": "F",
            "countryOfBirth": "Ivory Coast",
            "citizenship": "CIV",
            "identifiers": [
              {"type": "passport", "value": "x1234567", "issuingCountry": "CI"},
              {"type": "A-Number", "value": "A12345678"}
            ],
            "addresses": [{"lines": ["1 Example Plaza", "Apt 2"], "city": "Testville", "state": "NY", "zip": "10001-0001",
                           "validFrom": "2021-03"}],
            "phones": ["(202) 555-0143"],
            "emails": ["alex@example.com"],
            "travel": [{"direction": "arrival", "date": "2019-08-20", "port": "JFK", "classOfAdmission": "B2",
                        "admittedUntil": "2020-02-19"}],
            "visas": [{"visaClass": "B-2", "issuedOn": "2019-06-01", "expiresOn": "2029-05-31"}],
            "riskIndicators": ["criminalHistory"]
          },
          "narrative": "Synthetic record.\\nSecond line."
        }
        """

    @Test("upstream JSON decodes into RawLead and normalises")
    func upstreamJSON() throws {
        let raw = try JSONDecoder().decode(RawLead.self, from: Data(Self.upstreamJSON.utf8))
        let lead = try normalise(raw).get()
        let person = try #require(lead.person)
        #expect(person.name.fullKey == "alex quinn testperson")
        #expect(person.aliases.map(\.fullKey) == ["sam testperson"])
        #expect(person.sex == .female)
        #expect(person.countryOfBirth == CountryCode.parse("CIV"))
        #expect(person.identifiers.map(\.value) == ["X1234567", "012345678"])
        #expect(person.addresses.first?.lines == ["1 EXAMPLE PLAZA", "APT 2"])
        #expect(person.addresses.first?.zip4 == "0001")
        #expect(person.travel.first?.admittedUntil == .date(PartialDate(year: 2020, month: 2, day: 19)!))
        #expect(person.visas.first?.visaClass == "B2")
        #expect(person.riskIndicators == [.criminalHistory])
        #expect(lead.narrative == "Synthetic record.\nSecond line.")
        #expect(lead.provenance == fixtureProvenance)
        #expect(lead.warnings.isEmpty)
    }

    @Test("the canonical lead survives a JSON round trip")
    func canonicalRoundTrip() throws {
        let raw = try JSONDecoder().decode(RawLead.self, from: Data(Self.upstreamJSON.utf8))
        let lead = try normalise(raw).get()
        let decoded = try JSONDecoder().decode(CanonicalLead.self, from: JSONEncoder().encode(lead))
        #expect(decoded == lead)

        let organisation = try normalise(organisationLead { $0.schoolCode = "ABC214F00123000" }).get()
        let decodedOrganisation = try JSONDecoder().decode(CanonicalLead.self, from: JSONEncoder().encode(organisation))
        #expect(decodedOrganisation == organisation)
        let json = String(decoding: try JSONEncoder().encode(organisation.subject), as: UTF8.self)
        #expect(json.contains(#""kind":"organisation""#))
    }

    @Test("a rejection's messages and description never contain the input values")
    func noPersonalDataInProblems() {
        let raw = personLead {
            $0.name = RawName(full: "Alex Testperson9")
            $0.dateOfBirth = "2031-12-24"
            $0.identifiers = [
                RawIdentifier(type: "ssn", value: "987-65-4321"),
                RawIdentifier(type: "passport", value: "Q7777777", issuingCountry: "Zembla"),
            ]
            $0.emails = ["secret.person@@example.com"]
        }
        guard case .failure(let failure) = normalise(raw) else {
            Issue.record("accepted")
            return
        }
        let text = ([failure.description] + failure.errors.map(\.message) + failure.errors.map(\.description)).joined(
            separator: "\n")
        for value in ["Testperson9", "2031", "987", "4321", "Q7777777", "Zembla", "secret"] {
            #expect(!text.contains(value), "\(value) leaked")
        }
        #expect(failure.errors.count == 5)
    }

    @Test("problem codes are unique, dotted, lower-case, and warnings are the documented ones")
    func problemCodes() {
        let raws = ProblemCode.allCases.map(\.rawValue)
        #expect(Set(raws).count == raws.count)
        for raw in raws {
            #expect(raw.contains("."))
            #expect(raw.allSatisfy { $0.isLowercase || $0 == "." || $0 == "-" })
        }
        let warnings = Set(ProblemCode.allCases.filter { $0.severity == .warning })
        #expect(
            warnings == [
                .aliasSameAsName, .aliasDuplicate, .dateAmbiguousDayMonth, .dateDayMonthSwapped, .identifierDuplicate,
                .identifierMultipleValues, .addressEmpty, .addressIncomplete, .addressDuplicate, .contactDuplicate,
            ])
        #expect(ProblemCode.allCases.allSatisfy { !$0.defaultMessage.isEmpty })
    }

    @Test("commercial provenance is marked and stamped on every repeated fact")
    func commercialProvenance() throws {
        let provider = Provenance(system: "provider:test", sourceKind: .commercialProvider, receivedAt: receivedAt)
        let raw = personLead {
            $0.addresses = [street()]
            $0.phones = ["2025550143"]
            $0.identifiers = [RawIdentifier(type: "ssn", value: "123-45-6789")]
        }
        let lead = try normaliser.normalise(raw, provenance: provider).get()
        let person = try #require(lead.person)
        #expect(lead.provenance.isCommercial)
        #expect(person.addresses.allSatisfy { $0.provenance == provider })
        #expect(person.phones.allSatisfy { $0.provenance == provider })
        #expect(person.identifiers.allSatisfy { $0.provenance == provider })
    }

    @Test("normalising is deterministic and independent of the wall clock")
    func deterministic() throws {
        let raw = personLead { $0.dateOfBirth = "03/04/1990" }
        let first = try normalise(raw).get()
        let second = try normalise(raw).get()
        #expect(first == second)
        let earlier = Provenance(system: "TEST-FEED", receivedAt: Date(timeIntervalSince1970: 0))
        guard case .failure(let failure) = normaliser.normalise(raw, provenance: earlier) else {
            Issue.record("a 1990 birth received in 1970 was accepted")
            return
        }
        #expect(failure.codes == [.dateFuture])
    }
}
