import Testing

@testable import MatcherCore

@Suite("Blocking keys")
struct BlockingKeysTests {
    static let base = Fixture.person(
        "john", "smith", dob: Fixture.date(1990, 3, 4), sex: .male, country: "MEX",
        ids: [Fixture.passport("P1234567")], addresses: [Address(line: "12 quillon st", zip5: "10001")])

    func keys(_ r: MatchRecord) -> Set<String> { Set(blockingKeys(for: r).map(\.text)) }

    @Test func keyFormats() {
        let k = keys(Self.base)
        for expected in [
            "id:passport:MEX:P1234567", "id:passport:*:P1234567",
            "nm:SM0:JN", "nm:JN:SM0", "nm:XMT:AN", "nm:AN:XMT",
            "nv:SM0:john",
            "db:1990-03-04:s", "db:1990-03-04:j", "db:1990-04-03:s",
            "dy:1990:SM0:JN", "dg:1990:JN:s",
            "dp:1990-03-__:js", "dp:1990-__-04:js", "dp:____-03-04:js",
        ] {
            #expect(k.contains(expected), "missing \(expected)")
        }
        #expect(blockingKeys(for: Self.base) == blockingKeys(for: Self.base).sorted())
    }

    @Test func swappedNamesHaveTheSameNameKeys() {
        let swapped = Fixture.person("smith", "john", dob: Fixture.date(1990, 3, 4))
        #expect(keys(Self.base).filter { $0.hasPrefix("nm:") } == keys(swapped).filter { $0.hasPrefix("nm:") })
    }

    /// Retrieval ranks subjects by the evidence their shared keys carry (summed per kind).
    @Test func retrievalWeightsPutIdentifiersAndFullDatesAboveNames() {
        func weight(_ prefix: String) -> Int? { blockingKeys(for: Self.base).first { $0.text.hasPrefix(prefix) }?.retrievalWeight }
        #expect(weight("id:passport:") == 4)
        #expect(weight("db:") == 2)
        #expect(weight("nm:") == 1 && weight("nv:") == 1 && weight("dy:") == 1 && weight("dg:") == 1 && weight("dp:") == 1)
        let phone = Fixture.person("john", "smith", ids: [Identifier(type: IdentifierType.phone, value: "+15555550100")])
        #expect(blockingKeys(for: phone).first { $0.kind == .identifier }?.retrievalWeight == 1, "a household shares a phone")
        // A namesake born another year shares only the name kinds; the person with a wrong day
        // of birth still shares the identifier, the name and the year.
        let namesake = Fixture.person("john", "smith", dob: Fixture.date(1975, 8, 9))
        let typo = Fixture.person("john", "smith", dob: Fixture.date(1990, 3, 5), ids: [Fixture.passport("P1234567")])
        func shared(_ a: MatchRecord, _ b: MatchRecord) -> Int {
            let other = Set(blockingKeys(for: b).map(\.text))
            let byKind = Dictionary(grouping: blockingKeys(for: a).filter { other.contains($0.text) }, by: \.kind)
            return byKind.values.map { $0.map(\.retrievalWeight).max() ?? 0 }.reduce(0, +)
        }
        #expect(shared(Self.base, namesake) == 2)
        #expect(shared(Self.base, typo) > 4 + shared(Self.base, namesake))
    }

    @Test func compoundFamilyNamesGetAKeyPerToken() {
        let k = keys(Fixture.person("tavin", "garcia lopez"))
        #expect(k.contains("nm:KRS:TFN"))  // garcia
        #expect(k.contains("nm:LPS:TFN"))  // lopez
        #expect(k.contains("nm:KRSL:TFN"))  // the whole name
    }

    @Test func organisationsAreKeyedBySchoolCode() {
        let k = keys(MatchRecord.organisation(name: "quillon institute", schoolCode: "NYC214F00391000"))
        #expect(k.contains("sc:NYC214F00391000"))
    }

    @Test func placeholderIdentifiersGiveNoKey() {
        let r = Fixture.person("john", "smith", ids: [Identifier(type: IdentifierType.socialSecurity, value: "000000000")])
        #expect(!keys(r).contains { $0.hasPrefix("id:") })
    }

    /// Each kind of error still leaves at least one shared key.
    @Test(arguments: [
        ("identifier typo", Fixture.person("john", "smith", dob: Fixture.date(1990, 3, 4), ids: [Fixture.passport("P1234568")])),
        ("OCR identifier", Fixture.person("tavin", "orsk", ids: [Fixture.passport("PI234567")])),
        ("family typo", Fixture.person("john", "snith", dob: Fixture.date(1990, 3, 4))),
        ("family typo, partial date", Fixture.person("john", "snith", dob: Fixture.date(1990))),
        ("given typo, date typo", Fixture.person("jhn", "smith", dob: Fixture.date(1990, 3, 5))),
        ("OCR name", Fixture.person("john", "5mith")),
        ("nickname, date typo", Fixture.person("jack", "smith", dob: Fixture.date(1990, 3, 5))),
        ("nickname, no date", Fixture.person("johnny", "smith")),
        ("day/month swap", Fixture.person("john", "smith", dob: Fixture.date(1990, 4, 3))),
        ("year off by one", Fixture.person("john", "smith", dob: Fixture.date(1991, 3, 4))),
        ("partial date", Fixture.person("john", "smith", dob: Fixture.date(1990))),
        ("missing date", Fixture.person("john", "smith")),
        ("name order swapped", Fixture.person("smith", "john", dob: Fixture.date(1990, 3, 4))),
        ("name order swapped, no date", Fixture.person("smith", "john")),
        ("compound surname", Fixture.person("john", "smith garcia")),
        ("address change", Fixture.person("john", "smith", addresses: [Address(line: "9 varnesh rd", zip5: "20002")])),
    ])
    func errorStillSharesAKey(error: String, variant: MatchRecord) {
        #expect(!keys(Self.base).isDisjoint(with: keys(variant)), "no shared key for \(error)")
    }

    @Test func transliterationsShareAPhoneticKey() {
        let a = keys(Fixture.person("mohammed", "quellory"))
        let b = keys(Fixture.person("muhammad", "quellory"))
        #expect(!a.isDisjoint(with: b))
    }

    @Test func householdMembersDoNotShareKeysButTwinsDo() {
        let address = Address(line: "12 quillon st", zip5: "10001")
        let parent = Fixture.person("tavin", "orsk", dob: Fixture.date(1961, 7, 19), addresses: [address])
        let child = Fixture.person("mirela", "orsk", dob: Fixture.date(1990, 2, 23), addresses: [address])
        let twin = Fixture.person("oskar", "orsk", dob: Fixture.date(1990, 2, 23), addresses: [address])
        #expect(keys(parent).isDisjoint(with: keys(child)))
        #expect(keys(child).contains("db:1990-02-23:o"))
        #expect(keys(twin).contains("db:1990-02-23:o"))
    }
}
