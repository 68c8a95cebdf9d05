import LeadTracDomain
import Testing

@testable import LeadTracSynthetic

@Suite struct StreamTests {
    @Test func duplicateRateIsRespected() {
        let leads = Fixture.leads
        #expect(leads.count >= 20_000)
        let rate = Double(leads.filter { !$0.isOriginal }.count) / Double(leads.count)
        #expect(abs(rate - 0.3) <= 0.01)
    }

    @Test func everyPersonHasOneOriginalBeforeItsDuplicates() {
        var seen: Set<String> = []
        for lead in Fixture.leads {
            if lead.isOriginal {
                #expect(seen.insert(lead.personID).inserted)
                #expect(lead.corruptions.isEmpty)
            } else {
                #expect(seen.contains(lead.personID))
                #expect((1...3).contains(lead.corruptions.count))
                #expect(Set(lead.corruptions).count == lead.corruptions.count)
            }
        }
        #expect(seen.count == Fixture.population.people.count)
    }

    @Test func recordIDsAreDistinctAndLabelsConsistent() {
        #expect(Set(Fixture.leads.map(\.sourceRecordID)).count == Fixture.leads.count)
        for lead in Fixture.leads.prefix(5_000) {
            let person = Fixture.person(lead)
            #expect(person.personID == lead.personID)
            #expect(lead.lead.person?.sex == person.sexLabel)
            #expect(lead.lead.person?.countryOfBirth == person.countryOfBirth)
        }
    }

    @Test func everyCorruptionKindOccurs() {
        let seen = Set(Fixture.leads.flatMap(\.corruptions))
        #expect(seen == Set(Corruption.allCases))
        for kind in Corruption.allCases { #expect(Fixture.only(kind).count > 20, "\(kind)") }
    }

    @Test func orderIsShuffled() {
        let ids = Fixture.leads.prefix(200).filter(\.isOriginal).map(\.personID)
        #expect(ids != ids.sorted())
    }

    @Test func originalRecordsAreCleanForMatchingFields() {
        for lead in Fixture.leads.prefix(3_000) where lead.isOriginal {
            let person = Fixture.person(lead)
            let clean = person.cleanRecord()
            #expect(lead.lead.person?.name == clean.name)
            #expect(lead.lead.person?.dateOfBirth == clean.dateOfBirth)
            #expect(lead.lead.person?.identifiers == clean.identifiers)
            #expect(lead.lead.person?.addresses == clean.addresses)
        }
    }
}
