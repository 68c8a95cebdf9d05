import LeadTracDomain

/// A top-level value of a JSON Lines object, as far as a column mapping cares: text (numbers and
/// booleans as written), null, or something nested that cannot fill a column.
enum JSONScalar: Decodable {
    case text(String)
    case null
    case nested

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let text = try? container.decode(String.self) {
            self = .text(text)
        } else if let bool = try? container.decode(Bool.self) {
            self = .text(bool ? "true" : "false")
        } else if let integer = try? container.decode(Int64.self) {
            self = .text(String(integer))
        } else if let number = try? container.decode(Double.self) {
            self = .text(String(number))
        } else {
            self = .nested
        }
    }
}

/// A JSON Lines row decoded directly as a ``RawLead`` plus its top-level `sourceRecordId`.
struct RawLeadEnvelope: Decodable {
    let sourceRecordId: String?
    let lead: RawLead

    private enum Keys: String, CodingKey { case sourceRecordId }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Keys.self)
        sourceRecordId = try container.decodeIfPresent(String.self, forKey: .sourceRecordId)
        lead = try RawLead(from: decoder)
    }
}


