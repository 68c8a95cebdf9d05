import Foundation
import LeadTracContracts
import LeadTracDomain
import PrioritizerCore
import Testing

@testable import PrioritizerService

// All people here are synthetic.

/// `lead.matched.v1` → the facts the rules read.
@Suite("Lead facts mapper")
struct LeadFactsMapperTests {
    static let received = Date(timeIntervalSince1970: 1_748_736_000)  // 2025-06-01
    static let asOf = Date(timeIntervalSince1970: 1_748_736_000 + 10 * 86_400)
    static let provenance = Provenance(system: "test/targeting", sourceRecordID: "r1", receivedAt: received)

    static func day(_ y: Int, _ m: Int? = nil, _ d: Int? = nil) -> PartialDate { PartialDate(year: y, month: m, day: d)! }

    static func matched(
        _ person: CanonicalPerson, category: LeadCategory = .overstay, summary: SubjectSummary? = nil
    ) -> LeadMatched {
        LeadMatched(
            leadID: "4a1d8f0e-0000-4000-8000-000000000001", revision: 1, subjectID: "4a1d8f0e-0000-4000-9000-000000000001",
            decision: .newSubject, score: nil,
            explanation: .init(candidatesConsidered: 0, candidates: [], reasons: ["noCandidates"], thresholds: .init(autoLink: 8, review: -4, margin: 8)),
            subject: summary ?? SubjectSummary(kind: .person, primaryName: "Avery Testperson", categories: [category]),
            lead: CanonicalLead(category: category, subject: .person(person), provenance: provenance))
    }

    static func person(risk: [RiskIndicator] = [], travel: [TravelEvent] = [], addresses: [PostalAddress] = []) -> CanonicalPerson {
        CanonicalPerson(
            name: PersonName(original: "Avery Testperson", given: "Avery", middle: nil, family: "Testperson"),
            addresses: addresses, travel: travel, riskIndicators: risk)
    }

    @Test func leadAndSubjectFacts() {
        let summary = SubjectSummary(
            kind: .person, primaryName: "Avery Testperson", priorLeadCount: 2, categories: [.overstay, .statusViolation],
            departed: true)
        let facts = LeadFactsMapper.facts(Self.matched(Self.person(), summary: summary), asOf: Self.asOf)
        #expect(facts[.leadKind] == .string("person"))
        #expect(facts[.leadCategory] == .string("overstay"))
        #expect(facts[.leadSource] == .string("test/targeting"))
        #expect(facts[.leadReceivedAt] == .date(Self.received))
        #expect(facts[.subjectPriorLeads] == .number(2))
        #expect(facts[.subjectCategories] == .set(["overstay", "statusViolation"]))
        #expect(facts[.subjectDeparted] == .bool(true))
        #expect(facts[.subjectProtected] == nil, "unknown stays missing")
        #expect(facts[.enrichmentHasCurrentAddress] == nil)
        #expect(facts.asOf == Self.asOf)
    }

    @Test func riskIndicatorsAreTrueOrFalseForAPerson() {
        let flagged = LeadFactsMapper.facts(Self.matched(Self.person(risk: [.wantsAndWarrants])), asOf: Self.asOf)
        #expect(flagged[.riskWantsWarrants] == .bool(true))
        #expect(flagged[.riskNationalSecurity] == .bool(false))
        #expect(flagged[.riskCriminalHistory] == .bool(false))
        #expect(flagged[.riskIndicators] == .set(["wantsAndWarrants"]))
    }

    @Test func admittedUntilComesFromTheLatestArrivalAndAPartialDateCountsAsItsLastDay() {
        let travel = [
            TravelEvent(direction: .arrival, date: Self.day(2020, 1, 5), classOfAdmission: "F1", admittedUntil: .date(Self.day(2021, 1, 1)), provenance: Self.provenance),
            TravelEvent(direction: .arrival, date: Self.day(2023, 3, 2), classOfAdmission: "B2", admittedUntil: .date(Self.day(2023, 9)), provenance: Self.provenance),
            TravelEvent(direction: .departure, date: Self.day(2024, 1, 1), provenance: Self.provenance),
        ]
        let facts = LeadFactsMapper.facts(Self.matched(Self.person(travel: travel)), asOf: Self.asOf)
        #expect(facts[.visaClass] == .string("B2"))
        #expect(facts[.visaAdmittedUntil] == .date(Date(timeIntervalSince1970: 1_696_032_000)))  // 2023-09-30
        #expect(facts.daysOverstayed == 620)  // 2023-09-30 → 2025-06-11
    }

    @Test func durationOfStatusGivesNoAdmittedUntil() {
        let travel = [TravelEvent(direction: .arrival, date: Self.day(2023, 3, 2), classOfAdmission: "F1", admittedUntil: .durationOfStatus, provenance: Self.provenance)]
        let facts = LeadFactsMapper.facts(Self.matched(Self.person(travel: travel)), asOf: Self.asOf)
        #expect(facts[.visaAdmittedUntil] == nil)
        #expect(facts.daysOverstayed == nil)
    }

    @Test func usAddressLastSeenIsTheLatestValidDayOfAUSAddress() {
        let usa = CountryCode(rawValue: "USA")!
        let mex = CountryCode(rawValue: "MEX")!
        let ended = PostalAddress(lines: ["1 Example St"], city: "Testville", state: "TX", zip5: "75001", country: usa, validTo: Self.day(2024, 5), provenance: Self.provenance)
        let current = PostalAddress(lines: ["2 Sample Ave"], city: "Testville", state: "TX", zip5: "75002", country: usa, provenance: Self.provenance)
        let abroad = PostalAddress(lines: ["3 Calle Ejemplo"], city: "Ejemplo", country: mex, provenance: Self.provenance)
        let both = LeadFactsMapper.facts(Self.matched(Self.person(addresses: [ended, current, abroad])), asOf: Self.asOf)
        #expect(both[.addressUSLastSeen] == .date(Self.received), "an open-ended address was valid when received")
        let past = LeadFactsMapper.facts(Self.matched(Self.person(addresses: [ended, abroad])), asOf: Self.asOf)
        #expect(past[.addressUSLastSeen] == .date(Date(timeIntervalSince1970: 1_717_113_600)))  // 2024-05-31
        let none = LeadFactsMapper.facts(Self.matched(Self.person(addresses: [abroad])), asOf: Self.asOf)
        #expect(none[.addressUSLastSeen] == nil)
    }

    @Test func anOrganisationHasNoPersonFacts() {
        let organisation = CanonicalOrganisation(name: "Example Flight Academy", schoolCode: "ABC214F00123000")
        var matched = Self.matched(Self.person(), category: .organisationCompliance)
        matched.lead = CanonicalLead(category: .organisationCompliance, subject: .organisation(organisation), provenance: Self.provenance)
        let facts = LeadFactsMapper.facts(matched, asOf: Self.asOf)
        #expect(facts[.leadKind] == .string("organisation"))
        #expect(facts[.riskWantsWarrants] == nil)
        #expect(facts[.visaAdmittedUntil] == nil)
    }

    @Test func theDefaultRulesRankAWantsAndWarrantsRevisionAboveThePlainOne() throws {
        let rules = try RuleSet.parse(yaml: DefaultRules.yaml, file: DefaultRules.fileName)
        let plain = rules.evaluate(LeadFactsMapper.facts(Self.matched(Self.person()), asOf: Self.asOf))
        let flagged = rules.evaluate(LeadFactsMapper.facts(Self.matched(Self.person(risk: [.wantsAndWarrants])), asOf: Self.asOf))
        #expect(plain.priority == .belowThreshold)
        #expect(flagged.priority == .tier("P2"))
        #expect(flagged.fired.contains { $0.name == "open-wants-or-warrants" })
    }
}
