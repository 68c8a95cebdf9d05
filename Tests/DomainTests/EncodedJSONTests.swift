import Foundation
import LeadTracContracts
import LeadTracDomain
import Testing

@Suite struct EncodedJSONTests {
    private func lead() throws -> CanonicalLead {
        let raw = RawLead(
            kind: "person", category: "overstay",
            person: RawPerson(name: RawName(given: "Avery", family: "Testperson-Example"), dateOfBirth: "1990-05-17"))
        return try LeadNormaliser().normalise(
            raw, provenance: Provenance(system: "test", sourceRecordID: "R-\"1/2", receivedAt: Date(timeIntervalSince1970: 1_790_000_000.25))
        ).get()
    }

    private let explanation = MatchExplanation(
        candidatesConsidered: 2, subjectsSharingKeys: 7,
        candidates: [
            CandidateScore(
                subjectID: "s-1", total: 12.5,
                contributions: [
                    .init(attribute: "familyName", level: "exact", weight: 6.25, note: "rare"),
                    .init(attribute: "dateOfBirth", level: "dayMonthSwapped", weight: -1.5),
                ],
                counterEvidence: ["sexDisagrees"])
        ],
        reasons: ["linked"], thresholds: .init(autoLink: 8, review: -6, margin: 8), genericKeysSkipped: ["name": 2])

    private let summary = SubjectSummary(
        kind: .person, primaryName: "Avery Testperson", dateOfBirth: "1990-05-17", identifierCount: 1, priorLeadCount: 3,
        categories: [.overstay], departed: true, protected: nil)

    /// The spliced body must be what `Codable` writes, so consumers cannot tell the difference.
    @Test(arguments: [(Double?.some(12.5), String?.some("r-1")), (nil, nil)])
    func leadMatchedBodyIsTheCodableEncodingByteForByte(score: Double?, reviewID: String?) throws {
        let lead = try lead()
        let matched = LeadMatched(
            leadID: "l-1", revision: 2, subjectID: "s-1", decision: .review, score: score, explanation: explanation,
            subject: summary, reviewID: reviewID, lead: lead)
        let spliced = try LeadMatched.body(
            leadID: "l-1", revision: 2, subjectID: "s-1", decision: .review, score: score, reviewID: reviewID,
            explanation: EncodedJSON.value(explanation), subject: EncodedJSON.value(summary), lead: EncodedJSON.value(lead))
        #expect(String(decoding: spliced, as: UTF8.self) == String(decoding: try ContractCoding.encoder().encode(matched), as: UTF8.self))
        #expect(try ContractCoding.decoder().decode(LeadMatched.self, from: Data(spliced)) == matched)
    }

    @Test func memberIsTheValueAsItAppearsInTheDocument() throws {
        let lead = try lead()
        let body = try ContractCoding.encoder().encode(LeadReceived(leadID: "l-1", revision: 1, change: .created, lead: lead))
        let cut = try #require(EncodedJSON.member("lead", of: Array(body)))
        #expect(try ContractCoding.decoder().decode(CanonicalLead.self, from: Data(cut)) == lead)
        #expect(EncodedJSON.member("leadID", of: Array(body)).map { String(decoding: $0, as: UTF8.self) } == "\"l-1\"")
        #expect(EncodedJSON.member("revision", of: Array(body)).map { String(decoding: $0, as: UTF8.self) } == "1")
    }

    @Test func memberStepsOverStringsNestingAndWhitespace() {
        let document = #" { "a" : "x}\"{[" , "b":[1,{"c":"]}"},[]] ,"n":null, "lead" : {"d":[{"e":"\\"}]} , "z":-1.5e3 } "#
        let value = { (key: String) in EncodedJSON.member(key, of: Array(document.utf8)).map { String(decoding: $0, as: UTF8.self) } }
        #expect(value("a") == #""x}\"{[""#)
        #expect(value("b") == #"[1,{"c":"]}"},[]]"#)
        #expect(value("n") == "null")
        #expect(value("lead") == #"{"d":[{"e":"\\"}]}"#)
        #expect(value("z") == "-1.5e3")
        #expect(value("missing") == nil)
        #expect(value("c") == nil)  // nested members are not top-level ones
    }

    @Test func memberIsNilForWhatIsNotAWellFormedObject() {
        for document in [#"[{"lead":1}]"#, #"{"lead" 1}"#, #"{"a":"unterminated}"#, #"{"a":{"lead":1}"#, "", #"{"a":1 "lead":2}"#] {
            #expect(EncodedJSON.member("lead", of: Array(document.utf8)) == nil, "\(document)")
        }
    }
}
