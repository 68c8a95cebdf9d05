import LeadTracDomain
import Testing

@testable import LeadTracSynthetic

@Suite struct PopulationTests {
    let people = Fixture.population.people

    @Test func idsAreStableAndSequential() {
        #expect(people.first?.personID == "P000001")
        #expect(Set(people.map(\.personID)).count == people.count)
        #expect(Fixture.population.person(withID: "P000123")?.personID == "P000123")
    }

    @Test func twinsShareDOBFamilyAndAddressButNotGivenNames() {
        let twins = people.filter { $0.twinID != nil }
        #expect(twins.count > 20)
        for twin in twins {
            let other = Fixture.population.person(withID: twin.twinID!)!
            #expect(other.twinID == twin.personID)
            #expect(twin.dateOfBirth == other.dateOfBirth)
            #expect(twin.family == other.family)
            #expect(twin.address == other.address)
            #expect(twin.householdID == other.householdID)
            #expect(twin.given != other.given)
            #expect(!Nicknames.related(twin.given, other.given))
            #expect(!Transliterations.related(twin.given, other.given))
        }
    }

    @Test func householdMembersShareAddressAndFamilyName() {
        let households = Dictionary(grouping: people.filter { $0.householdID != nil }, by: { $0.householdID! })
        #expect(households.count > 100)
        #expect(households.values.contains { $0.count >= 3 })
        for members in households.values {
            #expect(Set(members.map(\.family)).count == 1)
            #expect(Set(members.map(\.address)).count == 1)
            let nonTwins = members.filter { $0.twinID == nil }
            #expect(Set(nonTwins.map(\.dateOfBirth)).count == nonTwins.count)
        }
    }

    @Test func familyNamesAreZipfSkewed() {
        let counts = Dictionary(grouping: people.filter { $0.culture == .anglo }, by: \.family).mapValues(\.count)
        let sorted = counts.values.sorted(by: >)
        #expect(sorted.count > 30)
        #expect(sorted[0] >= 5 * sorted[sorted.count - 1])
    }

    @Test func ssnsAvoidInvalidAreas() {
        var all = people.compactMap(\.ssn)
        for lead in Fixture.leads {
            for identifier in lead.lead.person?.identifiers ?? [] where identifier.type == "ssn" {
                all.append(identifier.value!)
            }
        }
        #expect(all.count > 1_000)
        for ssn in all {
            let parts = ssn.split(separator: "-").map { Int($0) }
            #expect(parts.count == 3 && parts.allSatisfy { $0 != nil })
            let area = parts[0]!
            #expect(area != 0 && area != 666 && area < 900)
            #expect(parts[1]! != 0 && parts[2]! != 0)
            #expect(IdentifierType.ssn.normalise(ssn) == .success(ssn.replacing("-", with: "")))
        }
    }

    @Test func identifiersAreWellFormed() {
        for person in people {
            if let a = person.alienNumber { #expect(a.count == 10 && a.first == "A" && Int(a.dropFirst()) != nil) }
            if let p = person.passport {
                #expect(p.count == 9)
                #expect((try? IdentifierType.passport.normalise(p).get()) == p)
            }
        }
    }

    @Test func phonesAreFictionalAndEmailsUseExampleDomains() {
        for lead in Fixture.leads {
            for phone in lead.lead.person?.phones ?? [] {
                let chars = Array(phone)
                #expect(chars.count == 12 && phone.hasPrefix("+1"))
                #expect(String(chars[5..<10]) == "55501", "\(phone)")
                #expect(chars.dropFirst().allSatisfy { $0.isNumber })
            }
            for email in lead.lead.person?.emails ?? [] {
                #expect(email.hasSuffix("@example.com") || email.hasSuffix("@example.org"))
            }
        }
    }

    @Test func cultureMixIncludesEveryTradition() {
        #expect(Set(people.map(\.culture)) == Set(NameCulture.allCases))
        #expect(people.contains { $0.culture == .hispanic && $0.family.contains(" ") })
        #expect(Set(people.map(\.isMale)).count == 2)
    }
}
