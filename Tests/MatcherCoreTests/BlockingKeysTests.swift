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
        #expect(blockingKeys(for: Self.base).allSatisfy { $0.kind != nil })
        #expect(blockingKeys(for: Self.base) == blockingKeys(for: Self.base).sorted())
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
