import Foundation

/// The JSON coding of event data: sorted keys, dates in ISO 8601 UTC with milliseconds
/// (`2026-11-22T03:31:36.123Z`); decoding also accepts dates without fractional seconds.
public enum ContractCoding {
    public static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(date.formatted(millisecondsStyle))
        }
        return encoder
    }

    public static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            if let date = try? millisecondsStyle.parse(text) { return date }
            if let date = try? Date.ISO8601FormatStyle().parse(text) { return date }
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not an ISO 8601 date-time")
        }
        return decoder
    }

    private static let millisecondsStyle = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
}
