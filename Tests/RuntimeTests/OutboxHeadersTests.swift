import Foundation
import LeadTracContracts
import LeadTracMessaging
@testable import LeadTracRuntime
import Testing

/// The outbox stores each message's headers as JSON; the common headers are written by hand.
@Suite struct OutboxHeadersTests {
    /// CloudEvents-like headers, with the characters JSON must escape.
    private let common: [String: FieldValue] = [
        "cloudEvents:id": "0b7e6a52-3f5e-4d1c-9a43-2f3e1d0c9b8a", "cloudEvents:source": "leadtrac/matcher",
        "cloudEvents:subject": "quote \" backslash \\ slash / tab \t newline \n bell \u{7} é 漢",
        "x-count": 42, "x-negative": .int(-7), "x-flag": true, "x-off": false, "": "empty name",
    ]

    @Test func handWrittenHeadersAreWhatTheContractEncoderWrites() throws {
        let written = try Outbox.headersJSON(common)
        #expect(written == String(decoding: try ContractCoding.encoder().encode(common), as: UTF8.self))
        #expect(try Outbox.headersJSON([:]) == "{}")
    }

    @Test func handWrittenHeadersReadBackUnchanged() throws {
        let written = try Outbox.headersJSON(common)
        #expect(try JSONDecoder().decode([String: FieldValue].self, from: Data(written.utf8)) == common)
    }

    /// Other values fall back to the encoder, and read back too (the decoder tries strings first).
    @Test func otherHeaderValuesFallBackToTheEncoder() throws {
        var headers = common
        headers["x-double"] = .double(1.5)
        headers["x-time"] = .timestamp(1_700_000_000)
        headers["x-bytes"] = .bytes([0, 255, 7])
        headers["x-table"] = .table(["a": .array(["b", 1, .void])])
        let written = try Outbox.headersJSON(headers)
        #expect(try JSONDecoder().decode([String: FieldValue].self, from: Data(written.utf8)) == headers)
    }
}
