import LeadTracContracts
import MatcherCore

/// Rebuilding profiles from their provenance: what merge and split need.
///
/// Provenance says which source (lead) gave each value, so a subject can be taken apart by
/// lead (split) or replayed source by source into another subject (merge), keeping every
/// value's provenance.
extension SubjectProfile {
    /// The values `source` (an index into `provenance.sources`) gave or confirmed.
    func contribution(of source: Int) -> MatchRecord {
        var out = MatchRecord(kind: record.kind)
        for (i, name) in record.names.enumerated() where provenance.names[i].contains(source) { out.names.append(name) }
        for (i, id) in record.identifiers.enumerated() where provenance.identifiers[i].contains(source) {
            out.identifiers.append(id)
        }
        for (i, address) in record.addresses.enumerated() where provenance.addresses[i].contains(source) {
            out.addresses.append(address)
        }
        for (i, country) in record.citizenship.enumerated() where provenance.citizenship[i].contains(source) {
            out.citizenship.append(country)
        }
        if provenance.dateOfBirth.contains(source) { out.dateOfBirth = record.dateOfBirth }
        if provenance.sex.contains(source) { out.sex = record.sex }
        if provenance.countryOfBirth.contains(source) { out.countryOfBirth = record.countryOfBirth }
        if provenance.schoolCode.contains(source) { out.schoolCode = record.schoolCode }
        return out
    }

    /// Merges everything `other` holds into this profile, source by source, so each value keeps
    /// the sources that gave it. Returns what was added.
    mutating func absorb(_ other: SubjectProfile) -> SubjectUpdated.Added {
        var total = SubjectUpdated.Added()
        for (index, source) in other.provenance.sources.enumerated() {
            let added = merge(other.contribution(of: index), from: source)
            total.names += added.names
            total.identifiers += added.identifiers
            total.addresses += added.addresses
            total.citizenships += added.citizenships
            total.facts += added.facts
        }
        return total
    }

    /// A profile rebuilt from the sources (leads) `keep` selects, in their original order; nil
    /// when none is selected.
    func rebuilt(keeping keep: (SourceRef) -> Bool) -> SubjectProfile? {
        var profile: SubjectProfile?
        for (index, source) in provenance.sources.enumerated() where keep(source) {
            let part = contribution(of: index)
            if profile == nil {
                profile = SubjectProfile(newFrom: part, source: source)
            } else {
                _ = profile!.merge(part, from: source)
            }
        }
        return profile
    }
}
