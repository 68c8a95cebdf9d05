import LeadTracContracts
import Foundation
import Testing

@testable import AuditCore

@Suite struct AuditEventTests {
    @Test func timeIsHeldToTheNearestMillisecond() {
        var event = Fixtures.event(1)
        event.time = Date(timeIntervalSince1970: 1_700_000_000.1234)
        #expect(event.millisecondsSince1970 == 1_700_000_000_123)
        event.time = Date(timeIntervalSince1970: 1_700_000_000.1236)
        #expect(event.millisecondsSince1970 == 1_700_000_000_124)
        // Reading the time back and setting it again keeps the same millisecond.
        for milliseconds: Int64 in [0, 1, 999, 1_700_000_000_123, 1_749_983_400_123, 253_402_300_799_999, -1] {
            event.millisecondsSince1970 = milliseconds
            event.time = event.time
            #expect(event.millisecondsSince1970 == milliseconds)
        }
    }

    @Test func timestampTextMatchesFoundationsISO8601Formatter() throws {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        formatter.timeZone = TimeZone(identifier: "UTC")
        // Leap days, 2100, the end of 9999, then a fixed pseudo-random spread (SplitMix64).
        var samples: [Int64] = [0, 951_782_400_000, 951_868_799_999, 4_107_542_400_000, 253_402_300_799_999]
        var state: UInt64 = 0x5EED
        for _ in 0..<5000 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = (state ^ (state >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            samples.append(Int64((z ^ (z >> 31)) % 253_402_300_800_000))
        }
        for milliseconds in samples {
            let text = try #require(AuditTimestamp.text(milliseconds))
            let date = Date(timeIntervalSince1970: Double(milliseconds) / 1000)
            #expect(text == formatter.string(from: date), "\(milliseconds)")
            #expect(AuditTimestamp.milliseconds(text: text) == milliseconds)
        }
        #expect(AuditTimestamp.text(-62_167_219_200_001) == nil)  // 1 ms before year 0
    }

    @Test func timestampParsingIsStrict() {
        #expect(AuditTimestamp.milliseconds(text: "1970-01-01T00:00:01Z") == 1000)
        #expect(AuditTimestamp.milliseconds(text: "1970-01-01T00:00:01.5Z") == 1500)
        #expect(AuditTimestamp.milliseconds(text: "2024-02-29T12:00:00.000Z") != nil)
        for bad in [
            "2023-02-29T12:00:00.000Z", "2024-13-01T00:00:00.000Z", "2024-01-01T24:00:00.000Z",
            "2024-01-01T00:00:00.0000Z", "2024-01-01T00:00:00.000+01:00", "2024-01-01 00:00:00.000Z",
            "2024-01-01T00:00:00.Z", "2024-1-01T00:00:00.000Z", "",
        ] {
            #expect(AuditTimestamp.milliseconds(text: bad) == nil, "\(bad)")
        }
    }

    @Test func jsonUsesTheFixedTimeFormatAndOmitsAbsentFields() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        encoder.dateEncodingStrategy = .secondsSince1970  // must not matter
        let json = try #require(String(data: try encoder.encode(Fixtures.event(1)), encoding: .utf8))
        #expect(json.contains(#""time":"2025-06-15T10:30:01.123Z""#))
        #expect(!json.contains("objectType"))
        #expect(!json.contains("disclosure"))
        #expect(json.contains(#""outcome":"allowed""#))
    }

    @Test func decodingToleratesAbsentListsAndRejectsBadTimes() throws {
        let minimal = #"{"id":"e","time":"2025-01-02T03:04:05.678Z","actor":"a","role":"r","service":"s","action":"x","outcome":"denied"}"#
        let event = try JSONDecoder().decode(AuditEvent.self, from: Data(minimal.utf8))
        #expect(event.subjectIDs.isEmpty && event.leadIDs.isEmpty && event.details.isEmpty)
        #expect(event.outcome == .denied)
        #expect(AuditTimestamp.text(event.millisecondsSince1970) == "2025-01-02T03:04:05.678Z")

        let badTime = minimal.replacingOccurrences(of: "05.678Z", with: "05.678+00:00")
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(AuditEvent.self, from: Data(badTime.utf8)) }
    }

    @Test func auditValuesDecodeFromPlainJSON() throws {
        let json = #"{"s":"x","i":-7,"d":2.5,"b":true,"n":null,"a":[1,"two"],"o":{"k":false}}"#
        let value = try JSONDecoder().decode(AuditValue.self, from: Data(json.utf8))
        #expect(value == ["s": "x", "i": -7, "d": 2.5, "b": true, "n": nil, "a": [1, "two"], "o": ["k": false]])
        guard case .object(let object) = value, case .int = object["i"], case .double = object["d"], case .bool = object["b"]
        else {
            Issue.record("numbers and booleans keep their kind: \(value)")
            return
        }
    }
}
