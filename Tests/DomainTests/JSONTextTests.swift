import Foundation
import LeadTracContracts
import Testing

/// Hand-written JSON must be exactly what `ContractCoding.encoder()` writes for the same values.
@Suite struct JSONTextTests {
    private func encoded(_ value: some Encodable) throws -> String {
        String(decoding: try ContractCoding.encoder().encode(value), as: UTF8.self)
    }

    @Test(arguments: [
        "plain", "", "a/b", "quote \" and backslash \\", "line\nbreak\ttab\rreturn", "\u{8}\u{C}\u{1}\u{1F}",
        "Zoë Łódź 北京 🙂", "\u{7F}\u{2028}",
    ])
    func stringsAreEscapedAsTheEncoderEscapesThem(text: String) throws {
        var out = ""
        JSONText.appendString(text, to: &out)
        #expect(out == String(try encoded(text)))
    }

    @Test(arguments: [8.0, -24.0, 0.0, -0.0, 13.7, -0.9692, 1e-6, 1e21, 1.5e15, 0.1 + 0.2, -1000.0, 123_456_789_012_345_680.0])
    func numbersAreWrittenAsTheEncoderWritesThem(value: Double) throws {
        var out = ""
        try JSONText.appendNumber(value, to: &out)
        #expect("[\(out)]" == (try encoded([value])))
    }

    @Test func infinityAndNaNAreRefused() {
        var out = ""
        #expect(throws: NonFiniteNumber.self) { try JSONText.appendNumber(.infinity, to: &out) }
        #expect(throws: NonFiniteNumber.self) { try JSONText.appendNumber(.nan, to: &out) }
    }

    @Test(arguments: [Int?.some(41), nil])
    func explanationIsTheCodableEncodingByteForByte(sharing: Int?) throws {
        let explanation = MatchExplanation(
            candidatesConsidered: 3, subjectsSharingKeys: sharing,
            candidates: [
                CandidateScore(
                    subjectID: "5b0c2f6e-0000-4000-8000-000000000001", total: 12.518_749_999,
                    contributions: [
                        .init(attribute: "prior", level: "person", weight: -24),
                        .init(attribute: "familyName", level: "exact", weight: 6.25, note: "term frequency"),
                        .init(attribute: "identifier:passport:MEX", level: "conflicting", weight: -13.287_712_379_549_449),
                        .init(attribute: "address", level: "lineAgrees", weight: 0, note: "generic value: \"shared\" by 9 subjects"),
                    ],
                    counterEvidence: ["conflictingIdentifier:passport:MEX", "sexDisagrees"]),
                CandidateScore(subjectID: "s-2", total: -6.000_1, contributions: [], counterEvidence: []),
            ],
            reasons: ["counterEvidence", "ambiguous"], thresholds: .init(autoLink: 8, review: -6.5, margin: 8),
            genericKeysSkipped: ["nm": 2, "dy": 1, "Zz": 3])
        #expect(String(decoding: try explanation.json(), as: UTF8.self) == (try encoded(explanation)))
        let empty = MatchExplanation(
            candidatesConsidered: 0, candidates: [], reasons: ["noCandidates"], thresholds: .init(autoLink: 8, review: -6, margin: 8))
        #expect(String(decoding: try empty.json(), as: UTF8.self) == (try encoded(empty)))
    }
}
