import Foundation
import LeadTracContracts
import LeadTracDomain
import PrioritizerCore

/// What the rules may know about a lead, from a `lead.matched.v1` (the canonical lead and the
/// matcher's summary of its subject).
///
/// Choices (docs/architecture.md, "Prioritizer"):
/// - risk indicators of a person are `true` or `false` (a person's record says whether they are
///   flagged); an organisation has none, so they are missing;
/// - `visa.class`: the class of admission of the latest arrival, else the class of the latest
///   visa; `visa.admitted_until`: the admitted-until date of the latest arrival that has one
///   (not "duration of status"); a partial date counts as its last day, so an overstay is never
///   over-counted;
/// - `address.us_last_seen`: the latest day a US address was valid: its `validTo` (last day of
///   a partial date) or, for an address with no end date, the day it was received;
/// - `subject.*`: from the subject summary; `student.status` and
///   `enrichment.has_current_address` have no source yet and stay missing.
public enum LeadFactsMapper {
    public static func facts(_ matched: LeadMatched, asOf: Date) -> Facts {
        var facts = Facts(asOf: asOf)
        let lead = matched.lead
        facts[.leadKind] = .string(lead.kind.rawValue)
        facts[.leadCategory] = .string(lead.category.rawValue)
        facts[.leadSource] = .string(lead.provenance.system)
        facts[.leadReceivedAt] = .date(lead.provenance.receivedAt)

        let summary = matched.subject
        facts[.subjectPriorLeads] = .number(Double(summary.priorLeadCount))
        facts[.subjectCategories] = .set(Set(summary.categories.map(\.rawValue)))
        if let departed = summary.departed { facts[.subjectDeparted] = .bool(departed) }
        if let protected = summary.protected { facts[.subjectProtected] = .bool(protected) }

        guard let person = lead.person else { return facts }
        let indicators = Set(person.riskIndicators)
        facts[.riskNationalSecurity] = .bool(indicators.contains(.nationalSecurity))
        facts[.riskWantsWarrants] = .bool(indicators.contains(.wantsAndWarrants))
        facts[.riskCriminalHistory] = .bool(indicators.contains(.criminalHistory))
        facts[.riskIndicators] = .set(Set(person.riskIndicators.map(\.rawValue)))

        let arrivals = person.travel.filter { $0.direction == .arrival }.sorted { $0.date < $1.date }
        let visas = person.visas.sorted { ($0.issuedOn ?? .distantPast) < ($1.issuedOn ?? .distantPast) }
        if let visaClass = arrivals.last(where: { $0.classOfAdmission != nil })?.classOfAdmission
            ?? visas.last(where: { $0.visaClass != nil })?.visaClass
        {
            facts[.visaClass] = .string(visaClass)
        }
        for arrival in arrivals.reversed() {
            if case .date(let until)? = arrival.admittedUntil {
                facts[.visaAdmittedUntil] = .date(lastDay(of: until))
                break
            }
        }
        if let programmeID = person.identifiers(ofType: .studentProgrammeID).first?.value {
            facts[.studentProgrammeID] = .string(programmeID)
        }
        let usDays = person.addresses.filter { $0.country.alpha3 == "USA" }.map { address in
            address.validTo.map(lastDay(of:)) ?? address.provenance.receivedAt
        }
        if let latest = usDays.max() { facts[.addressUSLastSeen] = .date(latest) }
        return facts
    }

    /// Midnight UTC of the last day a partial date can mean (`2024` → 2024-12-31, `2024-02` → 2024-02-29).
    static func lastDay(of date: PartialDate) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let year = date.year
        let month = date.month ?? 12
        let first = calendar.date(from: DateComponents(year: year, month: month, day: 1))!
        let days = calendar.range(of: .day, in: .month, for: first)!.count
        return calendar.date(from: DateComponents(year: year, month: month, day: date.day ?? days))!
    }
}

extension PartialDate {
    fileprivate static let distantPast = PartialDate(year: 1)!
}
