import Foundation
import LeadTracContracts
import LeadTracDomain
import Testing

@Suite struct LeadReceivedEncodingTests {
    @Test func splicedEncodingDecodesToTheSameValueAsCodable() throws {
        let raw = RawLead(kind: "person", category: "overstay", person: RawPerson(name: RawName(given: "Avery", family: "Testperson"), dateOfBirth: "1990-05"))
        let lead = try LeadNormaliser().normalise(raw, provenance: Provenance(system: "test", sourceRecordID: "R-1", receivedAt: Date(timeIntervalSince1970: 1_790_000_000))).get()
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        encoder.dateEncodingStrategy = .iso8601
        let spliced = try LeadReceived.encode(leadID: "id-\"1", revision: 3, change: .updated, canonicalLead: try encoder.encode(lead))
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let decoded = try decoder.decode(LeadReceived.self, from: Data(spliced))
        #expect(decoded == LeadReceived(leadID: "id-\"1", revision: 3, change: .updated, lead: lead))
    }
}
