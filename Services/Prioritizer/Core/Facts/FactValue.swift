import Foundation

/// One fact's value. The case must match the field's ``FactType``.
public enum FactValue: Sendable, Hashable {
    case string(String)
    /// Counts and day numbers; whole numbers in practice.
    case number(Double)
    case bool(Bool)
    case date(Date)
    case set(Set<String>)

    /// The type of this value.
    public var type: FactType {
        switch self {
        case .string: .string
        case .number: .number
        case .bool: .bool
        case .date: .date
        case .set: .set
        }
    }
}

extension FactValue: CustomStringConvertible {
    /// A stable rendering for explanations: strings quoted, whole numbers without a fraction,
    /// dates as `YYYY-MM-DD` (UTC), sets sorted.
    public var description: String {
        switch self {
        case .string(let text): CanonicalText.quoted(text)
        case .number(let number): CanonicalText.number(number)
        case .bool(let flag): flag ? "true" : "false"
        case .date(let date): CivilDate.format(date)
        case .set(let members): "[" + members.sorted().map(CanonicalText.quoted).joined(separator: ", ") + "]"
        }
    }
}

/// JSON shape: an object with one key naming the type, so that a date and a string stay
/// distinct and every value decodes back to itself: `{"string":"overstay"}`, `{"number":400}`,
/// `{"bool":true}`, `{"date":"2024-03-01"}`, `{"set":["a","b"]}` (sorted). Dates keep
/// millisecond precision.
extension FactValue: Codable {
    private enum CodingKeys: String, CodingKey { case string, number, bool, date, set }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        guard container.allKeys.count == 1, let key = container.allKeys.first else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "a fact value has exactly one type key"))
        }
        switch key {
        case .string: self = .string(try container.decode(String.self, forKey: key))
        case .number: self = .number(try container.decode(Double.self, forKey: key))
        case .bool: self = .bool(try container.decode(Bool.self, forKey: key))
        case .set: self = .set(Set(try container.decode([String].self, forKey: key)))
        case .date:
            let text = try container.decode(String.self, forKey: key)
            guard let date = CivilDate.parse(text) else {
                throw DecodingError.dataCorruptedError(
                    forKey: key, in: container, debugDescription: "expected YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ")
            }
            self = .date(date)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .string(let text): try container.encode(text, forKey: .string)
        case .number(let number): try container.encode(number, forKey: .number)
        case .bool(let flag): try container.encode(flag, forKey: .bool)
        case .date(let date): try container.encode(CivilDate.format(date), forKey: .date)
        case .set(let members): try container.encode(members.sorted(), forKey: .set)
        }
    }
}
