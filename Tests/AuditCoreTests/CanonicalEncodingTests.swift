import LeadTracContracts
import Foundation
import Testing

@testable import AuditCore

@Suite struct CanonicalEncodingTests {
    /// Hex digits to bytes; whitespace is ignored and `#` starts a comment.
    func bytes(_ text: String) -> [UInt8] {
        let digits = Array(text.split(separator: "\n").map { $0.prefix { $0 != "#" } }.joined().filter(\.isHexDigit))
        return stride(from: 0, to: digits.count, by: 2).map { UInt8(String(digits[$0...$0 + 1]), radix: 16)! }
    }

    @Test func matchesTheDocumentedLayoutByteForByte() {
        let event = AuditEvent(
            id: "e1", time: Date(timeIntervalSince1970: 1), actor: "a", role: "r", service: "s", action: "x.y",
            objectID: "o", outcome: .denied, subjectIDs: ["s1"], details: ["c": [true, nil], "b": 1.5, "a": -1])
        // Written out by hand from the format description in CanonicalEncoding.
        let expected = bytes(
            """
            01
            00000002 6531                 # id "e1"
            00000000000003e8              # time: 1000 ms
            00000001 61                   # actor "a"
            00000001 72                   # role "r"
            00000001 73                   # service "s"
            00000003 782e79               # action "x.y"
            00                            # objectType absent
            01 00000001 6f                # objectID "o"
            01                            # outcome denied
            00                            # requestID absent
            00000001 00000002 7331        # subjectIDs ["s1"]
            00000000                      # leadIDs []
            00000003                      # details: 3 keys, sorted
            00000001 61 02 ffffffffffffffff       # "a": int -1
            00000001 62 03 3ff8000000000000       # "b": double 1.5
            00000001 63 05 00000002 01 01 00      # "c": [true, null]
            00                            # disclosure absent
            """)
        #expect(CanonicalEncoding.encode(event) == expected)
    }

    @Test func encodingTheSameEventTwiceGivesTheSameBytes() {
        let event = Fixtures.searchEvent()
        #expect(CanonicalEncoding.encode(event) == CanonicalEncoding.encode(event))
        #expect(CanonicalEncoding.encode(event) == CanonicalEncoding.encode(Fixtures.searchEvent()))
    }

    @Test func insertionOrderOfDetailsDoesNotMatter() {
        let pairs: [(String, AuditValue)] = [("zeta", 1), ("alpha", "a"), ("mid", [1, 2]), ("Beta", true), ("é", nil)]
        var event = Fixtures.searchEvent()
        var encodings: Set<[UInt8]> = []
        for rotation in 0..<pairs.count {
            for reversed in [false, true] {
                var ordered = Array(pairs[rotation...] + pairs[..<rotation])
                if reversed { ordered.reverse() }
                var details: [String: AuditValue] = [:]
                for (key, value) in ordered { details[key] = value }
                event.details = details
                event.details["nested"] = .object(Dictionary(uniqueKeysWithValues: ordered))
                encodings.insert(CanonicalEncoding.encode(event))
            }
        }
        #expect(encodings.count == 1)
    }

    @Test func survivesAJSONRoundTrip() throws {
        var event = Fixtures.searchEvent()
        event.details["integralDouble"] = .double(3.0)
        event.details["tiny"] = .double(1e-300)
        event.details["big"] = .int(.max)
        let json = try JSONEncoder().encode(event)
        let decoded = try JSONDecoder().decode(AuditEvent.self, from: json)
        #expect(decoded == event)
        #expect(CanonicalEncoding.encode(decoded) == CanonicalEncoding.encode(event))
    }

    /// Each mutation changes one field; every one must change the bytes.
    static let mutations: [(String, @Sendable (inout AuditEvent) -> Void)] = [
        ("id", { $0.id = "evt-2" }),
        ("time +1 ms", { $0.millisecondsSince1970 += 1 }),
        ("actor", { $0.actor = "user-43" }),
        ("role", { $0.role = "reviewer" }),
        ("service", { $0.service = "matcher" }),
        ("action", { $0.action = "subject.view" }),
        ("objectType nil", { $0.objectType = nil }),
        ("objectType empty", { $0.objectType = "" }),
        ("objectID", { $0.objectID = "subject-8" }),
        ("outcome", { $0.outcome = .failed }),
        ("requestID nil", { $0.requestID = nil }),
        ("subjectIDs order", { $0.subjectIDs.reverse() }),
        ("subjectIDs removed", { $0.subjectIDs.removeLast() }),
        ("subject moved to leads", { $0.leadIDs.append($0.subjectIDs.removeLast()) }),
        ("leadIDs", { $0.leadIDs = ["lead-4"] }),
        ("detail value", { $0.details["resultCount"] = 3 }),
        ("detail int to string", { $0.details["resultCount"] = "2" }),
        ("detail key", { $0.details["resultCounts"] = $0.details.removeValue(forKey: "resultCount") }),
        ("detail bool", { $0.details["exact"] = true }),
        ("detail null removed", { $0.details.removeValue(forKey: "note") }),
        ("detail null to false", { $0.details["note"] = false }),
        ("nested array order", { $0.details["fields"] = ["dateOfBirth", "name"] }),
        ("nested object", { $0.details["before"] = ["status": "open", "priority": 4] }),
        ("double", { $0.details["score"] = 0.7500000000000001 }),
        ("disclosure nil", { $0.disclosure = nil }),
        ("disclosure purpose", { $0.disclosure?.purpose = "case review" }),
        ("actor/role boundary", { $0.actor = "user-42a"; $0.role = "nalyst" }),
    ]

    @Test func everyFieldChangesTheBytes() {
        let original = CanonicalEncoding.encode(Fixtures.searchEvent())
        var seen: Set<[UInt8]> = [original]
        for (name, mutate) in Self.mutations {
            var event = Fixtures.searchEvent()
            mutate(&event)
            let encoded = CanonicalEncoding.encode(event)
            #expect(encoded != original, "\(name)")
            #expect(seen.insert(encoded).inserted, "\(name) collides with another mutation")
        }
    }

    @Test func numbersAreEncodedByValue() {
        func encoded(_ value: AuditValue) -> [UInt8] {
            var event = Fixtures.searchEvent()
            event.details = ["n": value]
            return CanonicalEncoding.encode(event)
        }
        #expect(encoded(.double(3.0)) == encoded(.int(3)))
        #expect(encoded(.double(-0.0)) == encoded(.int(0)))
        #expect(encoded(.double(.nan)) == encoded(.double(-.nan)))
        #expect(encoded(.double(.nan)) == encoded(.double(Double(nan: 7, signaling: false))))
        #expect(encoded(.double(0.5)) != encoded(.int(0)))
        #expect(encoded(.double(.infinity)) != encoded(.double(-.infinity)))
        #expect(encoded(.double(9_223_372_036_854_775_808.0)) != encoded(.int(.max)))
        #expect(AuditValue.double(3.0) == .int(3))
        #expect(AuditValue.double(3.0).hashValue == AuditValue.int(3).hashValue)
        #expect(AuditValue.double(3.5) != .int(3))
    }

    @Test func decodesWhatItEncodes() throws {
        var events = [Fixtures.searchEvent(), Fixtures.event(1), Fixtures.event(2)]
        var odd = Fixtures.searchEvent()
        odd.details = ["deep": [[["x": [1, 2.5, "three", nil, false]]]], "": "", "nan": .double(.nan)]
        odd.id = "Zoë 🦊 \u{0}"
        events.append(odd)
        for event in events {
            let encoded = CanonicalEncoding.encode(event)
            let decoded = try CanonicalEncoding.decode(encoded)
            #expect(CanonicalEncoding.encode(decoded) == encoded)
            if event != odd { #expect(decoded == event) }  // NaN != NaN
        }
    }

    @Test func rejectsEveryTruncation() {
        let encoded = CanonicalEncoding.encode(Fixtures.searchEvent())
        for length in 0..<encoded.count {
            #expect(throws: CanonicalDecodingError.self) { try CanonicalEncoding.decode(Array(encoded.prefix(length))) }
        }
    }

    @Test func rejectsNonCanonicalBytes() throws {
        let event = AuditEvent(
            id: "e", time: Date(timeIntervalSince1970: 0), actor: "a", role: "r", service: "s", action: "x", outcome: .allowed,
            details: ["a": 1, "b": 2])
        let good = CanonicalEncoding.encode(event)
        #expect(try CanonicalEncoding.decode(good) == event)

        func code(_ bytes: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) -> CanonicalDecodingError.Code? {
            #expect(throws: CanonicalDecodingError.self, sourceLocation: sourceLocation) {
                try CanonicalEncoding.decode(bytes)
            }?.code
        }
        #expect(code(good + [0]) == .trailingBytes)
        #expect(code([2] + good.dropFirst()) == .unsupportedVersion)

        // Layout: version(1) id(5) time(8) actor(5) role(5) service(5) action(5) = 34, then
        // objectType flag at 34, objectID flag at 35, outcome at 36, requestID flag at 37,
        // subjectIDs count 38..<42, leadIDs count 42..<46, details count 46..<50,
        // key "a" 50..<55, tag 55, value 56..<64, key "b" 64..<69, tag 69, value 70..<78, disclosure flag 78.
        #expect(good.count == 79)
        var badFlag = good
        badFlag[34] = 2
        #expect(code(badFlag) == .invalidTag)
        var badOutcome = good
        badOutcome[36] = 3
        #expect(code(badOutcome) == .invalidTag)
        var unsorted = good
        unsorted[54] = UInt8(ascii: "b")
        unsorted[68] = UInt8(ascii: "a")
        #expect(code(unsorted) == .unsortedKeys)
        var duplicate = good
        duplicate[68] = UInt8(ascii: "a")
        #expect(code(duplicate) == .unsortedKeys)
        var integralDouble = good
        integralDouble[55] = 3  // a double holding 1.0: the encoder writes integral numbers as integers
        integralDouble.replaceSubrange(56..<64, with: withUnsafeBytes(of: (1.0).bitPattern.bigEndian, Array.init))
        #expect(code(integralDouble) == .nonCanonicalNumber)
        var badUTF8 = good
        badUTF8[5] = 0xFF  // the "e" of the id
        #expect(code(badUTF8) == .invalidUTF8)
        var hugeCount = good
        hugeCount.replaceSubrange(46..<50, with: [0xFF, 0xFF, 0xFF, 0xFF])
        #expect(code(hugeCount) == .truncated)
    }

    @Test func rejectsNestingBeyondTheLimit() {
        var value = AuditValue.null
        for _ in 0...CanonicalEncoding.maximumDepth { value = .array([value]) }
        var event = Fixtures.event(1)
        event.details = ["deep": value]
        let encoded = CanonicalEncoding.encode(event)
        #expect(throws: CanonicalDecodingError.self) { try CanonicalEncoding.decode(encoded) }
    }
}
