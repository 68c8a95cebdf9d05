import Foundation

/// JSON form of header values, so a message can wait in an outbox table and be published
/// later with exactly the headers it was given. Strings, numbers, booleans, tables and
/// arrays map to their JSON counterparts; bytes and timestamps are tagged objects.
extension FieldValue: Codable {
    private enum Tag: String, CodingKey { case bytes = "$bytes", timestamp = "$timestamp" }

    public init(from decoder: any Decoder) throws {
        // Strings first: nearly every header is one, and each failed attempt below costs a
        // thrown error. A JSON string can only decode as a string, so the order changes nothing.
        let container = try decoder.singleValueContainer()
        if let string = try? container.decode(String.self) {
            self = .string(string)
            return
        }
        if let tagged = try? decoder.container(keyedBy: Tag.self), tagged.allKeys.count == 1 {
            if let base64 = try tagged.decodeIfPresent(String.self, forKey: .bytes) {
                self = .bytes(Array(Data(base64Encoded: base64) ?? Data()))
                return
            }
            if let seconds = try tagged.decodeIfPresent(UInt64.self, forKey: .timestamp) {
                self = .timestamp(seconds)
                return
            }
        }
        if container.decodeNil() {
            self = .void
        } else if let flag = try? container.decode(Bool.self) {
            self = .bool(flag)
        } else if let number = try? container.decode(Int64.self) {
            self = .int(number)
        } else if let number = try? container.decode(Double.self) {
            self = .double(number)
        } else if let array = try? container.decode([FieldValue].self) {
            self = .array(array)
        } else {
            self = .table(try container.decode([String: FieldValue].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .bytes(let data):
            var tagged = encoder.container(keyedBy: Tag.self)
            try tagged.encode(Data(data).base64EncodedString(), forKey: .bytes)
        case .timestamp(let seconds):
            var tagged = encoder.container(keyedBy: Tag.self)
            try tagged.encode(seconds, forKey: .timestamp)
        default:
            var container = encoder.singleValueContainer()
            switch self {
            case .string(let string): try container.encode(string)
            case .int(let number): try container.encode(number)
            case .bool(let flag): try container.encode(flag)
            case .double(let number): try container.encode(number)
            case .table(let table): try container.encode(table)
            case .array(let array): try container.encode(array)
            case .void, .bytes, .timestamp: try container.encodeNil()
            }
        }
    }
}
