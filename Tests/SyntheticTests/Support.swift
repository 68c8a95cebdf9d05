import LeadTracDomain

@testable import LeadTracSynthetic

/// Shared fixtures: one mid-sized population and stream, built once.
enum Fixture {
    static let population = SyntheticPopulation(seed: 42, count: 14_000)
    static let stream = SyntheticLeadStream(population: population, duplicateRate: 0.3)
    static let leads: [LabelledLead] = Array(stream)

    static func person(_ lead: LabelledLead) -> SyntheticPerson {
        population.person(withID: lead.personID)!
    }

    /// Duplicates carrying exactly one corruption of `kind`.
    static func only(_ kind: Corruption) -> [LabelledLead] {
        leads.filter { $0.corruptions == [kind] }
    }

    static func jsonLines(seed: UInt64, people: Int, limit: Int) -> [String] {
        let stream = SyntheticLeadStream(
            population: SyntheticPopulation(seed: seed, count: people), duplicateRate: 0.25)
        let writer = SyntheticLeadWriter()
        return stream.prefix(limit).map(writer.jsonLine)
    }
}
