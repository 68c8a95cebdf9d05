import LeadTracDomain
import Testing

@testable import LeadTracSynthetic

/// Each corruption, applied alone, does exactly what its name says.
@Suite struct CorruptionTests {
    /// Damerau (optimal string alignment) edit distance.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        var d = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in stride(from: 1, through: a.count, by: 1) {
            for j in stride(from: 1, through: b.count, by: 1) {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
                }
            }
        }
        return d[a.count][b.count]
    }

    @Test func typoIsOneEditInOneName() {
        for lead in Fixture.only(.typo) {
            let person = Fixture.person(lead)
            let name = lead.lead.person!.name!
            let givenDistance = Self.editDistance(name.given!, person.given)
            let familyDistance = Self.editDistance(name.family!, person.family)
            #expect(givenDistance + familyDistance == 1, "\(name) vs \(person.given) \(person.family)")
        }
    }

    @Test func ocrSubstitutionUsesListedPair() {
        let pairs = Set(Corruption.ocrPairs.map { "\($0.0)\($0.1)" })
        for lead in Fixture.only(.ocrSubstitution) {
            let person = Fixture.person(lead)
            let record = lead.lead.person!
            let before = [person.given, person.family] + (person.cleanRecord().identifiers ?? []).compactMap(\.value)
            let after = [record.name!.given!, record.name!.family!] + (record.identifiers ?? []).compactMap(\.value)
            let changed = zip(before, after).filter { $0 != $1 }
            #expect(changed.count == 1)
            for (old, new) in changed {
                let diffs = zip(old, new).filter { $0 != $1 }
                #expect(old.count == new.count && diffs.count == 1)
                #expect(diffs.allSatisfy { pairs.contains("\($0.0)\($0.1)") })
            }
        }
    }

    @Test func missingFieldDropsOneOfTheListedFields() {
        for lead in Fixture.only(.missingField) {
            let clean = Fixture.person(lead).cleanRecord()
            let record = lead.lead.person!
            let dropped = [
                record.dateOfBirth == nil && clean.dateOfBirth != nil,
                (record.identifiers?.count ?? 0) == (clean.identifiers?.count ?? 0) - 1,
                record.addresses == nil,
                record.name?.middle == nil && clean.name?.middle != nil,
            ]
            #expect(dropped.filter { $0 }.count == 1)
        }
    }

    @Test func dayMonthSwapSwapsThePersonsDOB() {
        for lead in Fixture.only(.dayMonthSwap) {
            let dob = Fixture.person(lead).dateOfBirth
            #expect(lead.lead.person?.dateOfBirth == SyntheticDate(year: dob.year, month: dob.day, day: dob.month).iso)
            #expect(dob.day != dob.month)
            if case .success = PartialDate.parse(lead.lead.person!.dateOfBirth!) {} else { Issue.record("invalid") }
        }
    }

    @Test func nameOrderSwapExchangesGivenAndFamily() {
        for lead in Fixture.only(.nameOrderSwap) {
            let person = Fixture.person(lead)
            #expect(lead.lead.person?.name?.given == person.family)
            #expect(lead.lead.person?.name?.family == person.given)
        }
    }

    @Test func nicknameComesFromTheTable() {
        for lead in Fixture.only(.nickname) {
            let person = Fixture.person(lead)
            let given = lead.lead.person!.name!.given!
            #expect(Nicknames.pairs.contains { $0.formal == person.given && $0.nickname == given })
        }
    }

    @Test func transliterationIsAVariantOfTheName() {
        for lead in Fixture.only(.transliteration) {
            let person = Fixture.person(lead)
            let name = lead.lead.person!.name!
            let given = Transliterations.related(name.given!, person.given)
            let family = Transliterations.related(name.family!, person.family)
            #expect(given != family, "exactly one name is a variant")
            #expect((given || name.given == person.given) && (family || name.family == person.family))
        }
    }

    @Test func addressChangeGivesANewAddress() {
        for lead in Fixture.only(.addressChange) {
            let person = Fixture.person(lead)
            let addresses = lead.lead.person!.addresses!
            #expect(addresses.count == 1)
            #expect(addresses[0] != person.address.raw)
            #expect(addresses[0].zip?.count == 5)
        }
    }

    @Test func identifierTypoChangesOneDigit() {
        for lead in Fixture.only(.identifierTypo) {
            let clean = Fixture.person(lead).cleanRecord().identifiers!
            let record = lead.lead.person!.identifiers!
            let changed = zip(clean, record).filter { $0 != $1 }
            #expect(changed.count == 1)
            for (old, new) in changed {
                let diffs = zip(old.value!, new.value!).filter { $0 != $1 }
                #expect(diffs.count == 1 && diffs.allSatisfy { $0.0.isNumber && $0.1.isNumber })
            }
        }
    }

    @Test func partialDOBKeepsOnlyYearOrYearMonth() {
        var yearOnly = 0
        for lead in Fixture.only(.partialDOB) {
            let dob = Fixture.person(lead).dateOfBirth
            let value = lead.lead.person!.dateOfBirth!
            #expect(value == dob.yearOnly || value == dob.yearMonth)
            if value == dob.yearOnly { yearOnly += 1 }
        }
        #expect(yearOnly > 0)
    }

    @Test func combinedCorruptionsEachLeaveATrace() {
        for lead in Fixture.leads where lead.corruptions.count > 1 {
            let clean = Fixture.person(lead).cleanRecord()
            let record = lead.lead.person!
            if lead.corruptions.contains(.dayMonthSwap) || lead.corruptions.contains(.partialDOB) {
                #expect(record.dateOfBirth != nil && record.dateOfBirth != clean.dateOfBirth)
            }
            if lead.corruptions.contains(.nickname) {
                #expect(Nicknames.related(record.name!.given!, Fixture.person(lead).given))
            }
        }
    }
}
