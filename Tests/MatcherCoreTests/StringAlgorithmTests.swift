import Testing

@testable import MatcherCore

@Suite("Jaro–Winkler")
struct JaroWinklerTests {
    /// Winkler's published examples (also what common reference libraries return).
    @Test(arguments: [
        ("martha", "marhta", 0.961111111111),
        ("dwayne", "duane", 0.84),
        ("dixon", "dicksonx", 0.813333333333),
        ("garcialopez", "garcia", 0.909090909091),
    ])
    func publishedExamples(a: String, b: String, expected: Double) {
        #expect(approx(JaroWinkler.similarity(a, b), expected, tolerance: 1e-9))
        #expect(approx(JaroWinkler.similarity(b, a), expected, tolerance: 1e-9))
    }

    @Test func plainJaroOfTransposition() {
        #expect(approx(JaroWinkler.jaro(Array("martha".utf8), Array("marhta".utf8)), 0.944444444444, tolerance: 1e-9))
    }

    @Test func identicalEmptyAndDisjoint() {
        #expect(JaroWinkler.similarity("quillon", "quillon") == 1)
        #expect(JaroWinkler.similarity("", "quillon") == 0)
        #expect(JaroWinkler.similarity("", "") == 0)
        #expect(JaroWinkler.similarity("abc", "xyz") == 0)
    }

    @Test func longStringsUseTheGeneralPathWithTheSameResult() {
        let a = String(repeating: "abcdefghij", count: 8)
        var b = Array(a.utf8)
        b.swapAt(70, 71)
        let value = JaroWinkler.similarity(Array(a.utf8), b)
        #expect(value > 0.99 && value < 1)
    }
}

@Suite("Double Metaphone")
struct DoubleMetaphoneTests {
    /// Expected codes are those of Lawrence Philips' reference implementation (checked against
    /// a C++ port of it), cut to four characters as the reference does. Note "thompson":
    /// the reference codes the P ("TMPS", in full "TMPSN"), not "TMSN".
    @Test(arguments: [
        ("smith", "SM0", "XMT"), ("schmidt", "XMT", "SMT"), ("thompson", "TMPS", "TMPS"), ("jose", "HS", "HS"),
        ("xavier", "SF", "SFR"), ("smyth", "SM0", "XMT"), ("schneider", "XNTR", "SNTR"), ("snider", "SNTR", "XNTR"),
        ("michael", "MKL", "MXL"), ("caesar", "SSR", "SSR"), ("chianti", "KNT", "KNT"), ("orchestra", "ARKS", "ARKS"),
        ("czerny", "SRN", "XRN"), ("focaccia", "FKX", "FKX"), ("bacchus", "PKS", "PKS"),
        ("bellocchio", "PLX", "PLX"), ("accident", "AKST", "AKST"), ("mchugh", "MK", "MK"), ("edge", "AJ", "AJ"),
        ("edgar", "ATKR", "ATKR"), ("laugh", "LF", "LF"), ("hugh", "H", "H"), ("ghislane", "JLN", "JLN"),
        ("tagliaro", "TKLR", "TLR"), ("cagney", "KKN", "KKN"), ("biaggi", "PJ", "PK"), ("rogier", "RJ", "RJR"),
        ("hochmeier", "HKMR", "HKMR"), ("cabrillo", "KPRL", "KPR"), ("gallegos", "KLKS", "KKS"),
        ("island", "ALNT", "ALNT"), ("sugar", "XKR", "SKR"), ("school", "SKL", "SKL"), ("schenker", "XNKR", "SKNK"),
        ("resnais", "RSN", "RSNS"), ("artois", "ART", "ARTS"), ("wasserman", "ASRM", "FSRM"),
        ("vasserman", "FSRM", "FSRM"), ("arnow", "ARN", "ARNF"), ("filipowicz", "FLPT", "FLPF"), ("breaux", "PR", "PR"),
        ("zhao", "J", "J"), ("campbell", "KMPL", "KMPL"), ("dumb", "TM", "TM"), ("knight", "NT", "NT"),
        ("wright", "RT", "RT"), ("gnome", "NM", "NM"), ("jankelowicz", "JNKL", "ANKL"), ("bajador", "PJTR", "PHTR"),
        ("san jacinto", "SNHS", "SNHS"), ("van der berg", "FNTR", "FNTR"), ("mohammed", "MHMT", "MHMT"),
        ("muhammad", "MHMT", "MHMT"), ("aleksandr", "ALKS", "ALKS"), ("oleksandr", "ALKS", "ALKS"),
        ("yusuf", "ASF", "ASF"), ("youssef", "ASF", "ASF"), ("garcia", "KRS", "KRX"), ("zhang", "JNK", "JNK"),
        ("chang", "XNK", "XNK"), ("kuczewski", "KSSK", "KXFS"), ("tichner", "TXNR", "TKNR"),
        ("wachtler", "AKTL", "FKTL"), ("thomas", "TMS", "TMS"), ("danger", "TNJR", "TNKR"),
    ])
    func referenceCodes(name: String, primary: String, alternate: String) {
        let codes = DoubleMetaphone.encode(name)
        #expect(codes.primary == primary)
        #expect(codes.alternate == alternate)
    }

    @Test func fullLengthCodesOnRequest() {
        #expect(DoubleMetaphone.encode("thompson", maxLength: nil).primary == "TMPSN")
        #expect(DoubleMetaphone.encode("schwarzenegger", maxLength: nil) == .init(primary: "XRSNKR", alternate: "XFRTSNKR"))
    }

    @Test func upperCaseInputAndEmptyInput() {
        #expect(DoubleMetaphone.encode("SMITH") == DoubleMetaphone.encode("smith"))
        #expect(DoubleMetaphone.encode("").all.isEmpty)
    }

    @Test func smithAndSchmidtShareACode() {
        #expect(DoubleMetaphone.encode("smith").agrees(with: DoubleMetaphone.encode("schmidt")))
        #expect(!DoubleMetaphone.encode("smith").agrees(with: DoubleMetaphone.encode("jones")))
    }
}

@Suite("Edit distance")
struct EditDistanceTests {
    @Test(arguments: [
        ("P1234567", "P1234568", true),  // substitution
        ("P1234567", "P1243567", true),  // adjacent transposition
        ("P1234567", "P123457", true),  // deletion
        ("P1234567", "P12345678", true),  // insertion at the end
        ("P1234567", "P1234567", true),
        ("P1234567", "P1299567", false),
        ("P1234567", "P7654321", false),
        ("P1234567", "P12345", false),
    ])
    func withinOneEdit(a: String, b: String, expected: Bool) {
        #expect(EditDistance.isWithinOne(Array(a.utf8), Array(b.utf8)) == expected)
        #expect(EditDistance.isWithinOne(Array(b.utf8), Array(a.utf8)) == expected)
    }
}
