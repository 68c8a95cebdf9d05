import Foundation
import Testing

@testable import PrioritizerCore

/// Rule set identity: declared version plus a hash of the normalised content.
@Suite("Versioning")
struct VersioningTests {
    static let base = """
        version: "2025.06"
        tiers:
          - { name: P1, min_points: 100 }
          - { name: P2, min_points: 10 }
        rules:
          - name: wants
            description: Open wants or warrants.
            when: { fact: risk.wants_warrants, eq: true }
            points: 100
            tags: [public-safety]
          - name: classes
            when: { fact: visa.class, in: [F1, J1] }
            points: 10
        """

    func hash(_ yaml: String) throws -> UInt64 { try Fixture.rules(yaml).contentHash }

    /// Published FNV-1a 64 test vectors (from the FNV reference test suite).
    @Test func fnv1a64MatchesReferenceVectors() {
        #expect(FNV1a64.hash("") == 0xcbf2_9ce4_8422_2325)
        #expect(FNV1a64.hash("a") == 0xaf63_dc4c_8601_ec8c)
        #expect(FNV1a64.hash("foobar") == 0x8594_4171_f739_67e8)
        #expect(FNV1a64.hex(0xaf) == "00000000000000af")
    }

    @Test func versionIsDeclaredVersionPlusContentHash() throws {
        let rules = try Fixture.rules(Self.base)
        #expect(rules.declaredVersion == "2025.06")
        #expect(rules.contentHash == FNV1a64.hash(rules.canonicalText))
        #expect(rules.version == "2025.06+" + FNV1a64.hex(rules.contentHash))
        #expect(rules.version.count == "2025.06+".count + 16)
    }

    @Test func layoutCommentsOrderQuotingAndDescriptionsDoNotChangeTheHash() throws {
        let reformatted = """
            # A comment that does not change anything.
            version: "2025.06"
            tiers:
              - name: P1
                min_points: 100
              - name: "P2"
                min_points: 10
            rules:
              - name: classes        # rule order does not matter
                when:
                  fact: visa.class
                  in: ["J1", F1, J1]
                points: 10
              - name: wants
                description: Reworded description.
                tags: ["public-safety"]
                points: 100
                when: { eq: true, fact: risk.wants_warrants }
            """
        #expect(try hash(reformatted) == hash(Self.base))
    }

    @Test(arguments: [
        ("points", "points: 100", "points: 90"),
        ("threshold", "min_points: 10 }", "min_points: 11 }"),
        ("literal", "[F1, J1]", "[F1, M1]"),
        ("operator", "eq: true", "ne: true"),
        ("rule name", "name: wants", "name: wanted"),
        ("tag", "[public-safety]", "[safety]"),
        ("tier name", "name: P2,", "name: P3,"),
    ])
    func meaningfulEditsChangeTheHash(_ label: String, _ old: String, _ new: String) throws {
        #expect(Self.base.contains(old), "fixture drift: \(label)")
        let edited = Self.base.replacingOccurrences(of: old, with: new)
        #expect(try hash(edited) != hash(Self.base), "\(label)")
    }

    @Test func sameContentUnderAnotherDeclaredVersionKeepsTheHash() throws {
        let bumped = try Fixture.rules(Self.base.replacingOccurrences(of: "\"2025.06\"", with: "\"2025.07\""))
        let base = try Fixture.rules(Self.base)
        #expect(bumped.contentHash == base.contentHash)
        #expect(bumped.version != base.version)
    }

    @Test func canonicalTextIsReadable() throws {
        let text = try Fixture.rules(Self.base).canonicalText
        #expect(
            text == """
                leadtrac-rules 1
                tier "P1" 100
                tier "P2" 10
                rule "classes" points 10 when in(visa.class, ["F1", "J1"])
                rule "wants" points 100 tags ["public-safety"] when eq(risk.wants_warrants, true)

                """)
    }
}
