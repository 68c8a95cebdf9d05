import LeadTracContracts
extension CanonicalEncoding {
    /// How deeply `details` values may nest; deeper input is rejected rather than risk the
    /// stack on hostile bytes.
    public static let maximumDepth = 64

    /// Reads back an event from its canonical bytes.
    ///
    /// Strict: accepts only what ``encode(_:)`` produces, so `encode(decode(bytes)) == bytes`
    /// whenever decoding succeeds.
    public static func decode(_ bytes: [UInt8]) throws(CanonicalDecodingError) -> AuditEvent {
        var reader = ByteReader(bytes: bytes)
        guard try reader.byte() == version else { throw reader.error(.unsupportedVersion, at: 0) }
        let id = try reader.string()
        let milliseconds = try reader.int64()
        let actor = try reader.string()
        let role = try reader.string()
        let service = try reader.string()
        let action = try reader.string()
        let objectType = try reader.optionalString()
        let objectID = try reader.optionalString()
        let outcomeOffset = reader.offset
        let outcome: AuditEvent.Outcome
        switch try reader.byte() {
        case 0: outcome = .allowed
        case 1: outcome = .denied
        case 2: outcome = .failed
        default: throw reader.error(.invalidTag, at: outcomeOffset)
        }
        let requestID = try reader.optionalString()
        let subjectIDs = try reader.strings()
        let leadIDs = try reader.strings()
        let details = try reader.map(depth: 0)
        var disclosure: AuditEvent.Disclosure?
        if try reader.flag() {
            disclosure = AuditEvent.Disclosure(
                recipient: try reader.string(), purpose: try reader.string(), nature: try reader.string())
        }
        guard reader.offset == bytes.count else { throw reader.error(.trailingBytes, at: reader.offset) }
        var event = AuditEvent(
            id: id, time: .init(timeIntervalSince1970: 0), actor: actor, role: role, service: service, action: action,
            objectType: objectType, objectID: objectID, outcome: outcome, requestID: requestID,
            subjectIDs: subjectIDs, leadIDs: leadIDs, details: details, disclosure: disclosure)
        event.millisecondsSince1970 = milliseconds
        return event
    }
}

/// Reads the canonical encoding's primitives, failing with the offset of the bad field.
private struct ByteReader {
    let bytes: [UInt8]
    var offset = 0

    func error(_ code: CanonicalDecodingError.Code, at offset: Int) -> CanonicalDecodingError {
        CanonicalDecodingError(code: code, offset: offset)
    }

    mutating func take(_ count: Int) throws(CanonicalDecodingError) -> ArraySlice<UInt8> {
        guard count <= bytes.count - offset else { throw error(.truncated, at: bytes.count) }
        defer { offset += count }
        return bytes[offset..<offset + count]
    }

    mutating func byte() throws(CanonicalDecodingError) -> UInt8 {
        try take(1).first!
    }

    mutating func uint64() throws(CanonicalDecodingError) -> UInt64 {
        try take(8).reduce(0) { $0 << 8 | UInt64($1) }
    }

    mutating func int64() throws(CanonicalDecodingError) -> Int64 {
        Int64(bitPattern: try uint64())
    }

    /// A count of elements; each takes at least one byte, so a count larger than what is left
    /// is truncation (and never becomes a huge allocation).
    mutating func count() throws(CanonicalDecodingError) -> Int {
        let value = Int(try take(4).reduce(UInt32(0)) { $0 << 8 | UInt32($1) })
        guard value <= bytes.count - offset else { throw error(.truncated, at: bytes.count) }
        return value
    }

    mutating func flag() throws(CanonicalDecodingError) -> Bool {
        let start = offset
        switch try byte() {
        case 0: return false
        case 1: return true
        default: throw error(.invalidTag, at: start)
        }
    }

    mutating func stringBytes() throws(CanonicalDecodingError) -> ArraySlice<UInt8> {
        let length = try count()
        return try take(length)
    }

    mutating func string() throws(CanonicalDecodingError) -> String {
        let start = offset
        let utf8 = try stringBytes()
        guard let string = String(validating: utf8, as: UTF8.self) else { throw error(.invalidUTF8, at: start) }
        return string
    }

    mutating func optionalString() throws(CanonicalDecodingError) -> String? {
        try flag() ? try string() : nil
    }

    mutating func strings() throws(CanonicalDecodingError) -> [String] {
        let count = try count()
        var result: [String] = []
        result.reserveCapacity(count)
        for _ in 0..<count { result.append(try string()) }
        return result
    }

    mutating func map(depth: Int) throws(CanonicalDecodingError) -> [String: AuditValue] {
        let count = try count()
        var result: [String: AuditValue] = [:]
        result.reserveCapacity(count)
        var previousKey: ArraySlice<UInt8>?
        for _ in 0..<count {
            let keyOffset = offset
            let key = try stringBytes()
            if let previousKey, !previousKey.lexicographicallyPrecedes(key) { throw error(.unsortedKeys, at: keyOffset) }
            guard let keyString = String(validating: key, as: UTF8.self) else { throw error(.invalidUTF8, at: keyOffset) }
            previousKey = key
            result[keyString] = try value(depth: depth + 1)
        }
        return result
    }

    mutating func value(depth: Int) throws(CanonicalDecodingError) -> AuditValue {
        let start = offset
        guard depth <= CanonicalEncoding.maximumDepth else { throw error(.tooDeep, at: start) }
        guard let tag = CanonicalEncoding.ValueTag(rawValue: try byte()) else { throw error(.invalidTag, at: start) }
        switch tag {
        case .null:
            return .null
        case .bool:
            return .bool(try flag())
        case .integer:
            return .int(try int64())
        case .double:
            let bits = try uint64()
            let double = Double(bitPattern: bits)
            guard case .double(bits) = AuditValue.number(double) else { throw error(.nonCanonicalNumber, at: start) }
            return .double(double)
        case .string:
            return .string(try string())
        case .array:
            let count = try count()
            var elements: [AuditValue] = []
            elements.reserveCapacity(count)
            for _ in 0..<count { elements.append(try value(depth: depth + 1)) }
            return .array(elements)
        case .object:
            return .object(try map(depth: depth))
        }
    }
}
