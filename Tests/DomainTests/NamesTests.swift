import LeadTracDomain
import Testing

@Suite("Person names")
struct NamesTests {
    @Test(
        "folded keys",
        arguments: [
            ("José MÜLLER", "jose muller"), ("Straße", "strasse"), ("Łukasz Żółć", "lukasz zolc"),
            ("Søren Ærø", "soren aero"), ("ﬁona", "fiona"), ("Ｔｅｓｔ", "test"), ("O’Testperson", "otestperson"),
            ("  Mary-Jane   Testperson ", "mary jane testperson"), ("J. R. Testperson", "j r testperson"),
            ("Иван", "ivan"), ("Ὀδυσσεύς", "odysseus"), ("", ""),
        ])
    func foldedKeys(input: String, key: String) {
        #expect(PersonName.foldedKey(input) == key)
    }

    @Test("given-first splitting with middle names")
    func givenFirst() throws {
        let name = try PersonName.parse("Alex Quinn Riley Testperson").get()
        #expect(name.given == "Alex")
        #expect(name.middle == "Quinn Riley")
        #expect(name.family == "Testperson")
        #expect(name.fullKey == "alex quinn riley testperson")
        #expect(name.middleKey == "quinn riley")
        #expect(!name.transliterated)
    }

    @Test("family-first order and comma order give the same key")
    func orders() throws {
        let familyFirst = try PersonName.parse("Testperson Alex Quinn", order: .familyFirst).get()
        let comma = try PersonName.parse("TESTPERSON, Alex Quinn").get()
        let givenFirst = try PersonName.parse("alex quinn testperson").get()
        #expect(familyFirst.fullKey == givenFirst.fullKey)
        #expect(comma.fullKey == givenFirst.fullKey)
        #expect(comma.original == "TESTPERSON, Alex Quinn")
    }

    @Test("a mononym is a family name")
    func mononym() throws {
        let name = try PersonName.parse("Testperson").get()
        #expect(name.given == nil)
        #expect(name.family == "Testperson")
    }

    @Test("suffix after a comma-form name")
    func commaSuffix() throws {
        let name = try PersonName.parse("Testperson, Alex, III").get()
        #expect(name.given == "Alex")
        #expect(name.suffix == "III")
        #expect(name.fullKey == "alex testperson")
    }

    @Test(
        "rejections",
        arguments: [
            ("", ProblemCode.nameMissing), ("FNU", .nameMissing), ("---", .nameMissing),
            ("Alex #1", .nameInvalidCharacters),
            ("Alex@Testperson", .nameInvalidCharacters), (String(repeating: "a", count: 201), .fieldTooLong),
        ])
    func rejections(input: String, code: ProblemCode) {
        #expect(throws: FieldRejection(code)) { try PersonName.parse(input).get() }
    }

    @Test(
        "non-Latin scripts with marks and joiners are names",
        arguments: ["Тестова-Иванова", "李 小龍", "नमिता टेस्ट", "مريم تست", "Ngũgĩ Testperson", "서 테스트"])
    func nonLatinAccepted(input: String) throws {
        let name = try PersonName.parse(input).get()
        #expect(!name.fullKey.isEmpty)
        #expect(name.fullKey.unicodeScalars.allSatisfy { $0.isASCII })
    }

    @Test(
        "hints",
        arguments: [("familyFirst", NameOrder.familyFirst), ("surname first", .familyFirst), ("Western", .givenFirst)])
    func hints(hint: String, order: NameOrder) {
        #expect(NameOrder(hint: hint) == order)
    }
}
