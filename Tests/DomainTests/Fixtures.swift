import Foundation
import LeadTracDomain

// All data here is synthetic: invented names ("Testperson"), reserved 555-01xx phone numbers,
// example.com/example.org mail domains, made-up document numbers.

/// The instant every fixture record is received: 2025-06-01T00:00:00Z.
let receivedAt = Date(timeIntervalSince1970: 1_748_736_000)

let fixtureProvenance = Provenance(
    system: "TEST-FEED", sourceKind: .upstreamSystem, sourceRecordID: "rec-1", receivedAt: receivedAt,
    programme: "test-programme", extract: "extract-2025-06-01")

let normaliser = LeadNormaliser()

/// A valid overstay lead about "Alex Testperson", changed by `edit`.
func personLead(category: String? = "overstay", dateOrder: String? = nil, _ edit: (inout RawPerson) -> Void = { _ in })
    -> RawLead
{
    var person = RawPerson(name: RawName(full: "Alex Testperson"))
    edit(&person)
    return RawLead(category: category, dateOrder: dateOrder, person: person)
}

/// A valid organisation-compliance lead about "Testschool Flight Academy", changed by `edit`.
func organisationLead(_ edit: (inout RawOrganisation) -> Void = { _ in }) -> RawLead {
    var organisation = RawOrganisation(name: "Testschool Flight Academy", organisationType: "flight school")
    edit(&organisation)
    return RawLead(category: "organisationCompliance", organisation: organisation)
}

/// A person lead with the given identifiers.
func identifierLead(_ identifiers: RawIdentifier...) -> RawLead {
    personLead { $0.identifiers = identifiers }
}

/// A person lead with one US address.
func addressLead(_ address: RawAddress) -> RawLead {
    personLead { $0.addresses = [address] }
}

/// A complete, valid street address in the given state with the given ZIP.
func street(state: String? = "NY", zip: String? = "10001", country: String? = nil) -> RawAddress {
    RawAddress(lines: ["1 Example Plaza"], city: "Testville", state: state, zip: zip, country: country)
}

/// A problem as the tests state it: code and JSON path.
struct Expected: Hashable, Sendable, CustomStringConvertible {
    var code: ProblemCode
    var field: String

    init(_ code: ProblemCode, _ field: String) {
        self.code = code
        self.field = field
    }

    init(_ problem: FieldProblem) {
        self.init(problem.code, problem.field)
    }

    var description: String { "\(code.rawValue)@\(field)" }
}

/// Normalises `raw` with the fixture provenance.
func normalise(_ raw: RawLead, with normaliser: LeadNormaliser = normaliser) -> Result<CanonicalLead, ValidationFailure>
{
    normaliser.normalise(raw, provenance: fixtureProvenance)
}

/// The person of an accepted lead, `nil` for a rejected one.
func acceptedPerson(_ raw: RawLead) -> CanonicalPerson? {
    try? normalise(raw).get().person
}

/// A compact text form of a date for assertions: `1990-03-04 day`, plus ` ambiguous`.
func summary(_ date: PartialDate?) -> String {
    guard let date else { return "nil" }
    return "\(date) \(date.precision.rawValue)" + (date.dayMonthAmbiguous ? " ambiguous" : "")
}
