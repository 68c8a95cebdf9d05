import LeadTracContracts
/// The deterministic byte form of an ``AuditEvent``: what the leaf and record hashes commit to.
///
/// A length-prefixed binary encoding rather than canonical JSON: JSON needs agreed escaping
/// and number formatting to be canonical, binary needs neither, is quick to write and to
/// hash, and another language can reproduce it from this description alone. Store these bytes
/// with the record; they are the reference for verification, and ``decode(_:)`` reads them back.
///
/// Version 1, fields in this order (integers big-endian, `i64` two's complement):
///
/// ```
/// event      = 0x01 (version)
///              id:str  time:i64 (milliseconds since 1970, UTC)
///              actor:str  role:str  service:str  action:str
///              objectType:opt<str>  objectID:opt<str>
///              outcome:u8 (0 allowed, 1 denied, 2 failed)
///              requestID:opt<str>
///              subjectIDs:list<str>  leadIDs:list<str>
///              details:map
///              disclosure:opt<recipient:str purpose:str nature:str>
/// str        = length:u32  UTF-8 bytes exactly as given (no Unicode normalization)
/// opt<T>     = 0x00 | 0x01 T
/// list<T>    = count:u32  T...
/// map        = count:u32  (key:str value)...   keys in strictly ascending order of their UTF-8 bytes
/// value      = 0x00                     null
///            | 0x01 (0x00 | 0x01)       bool
///            | 0x02 i64                 number with an integral value that fits in Int64
///            | 0x03 u64                 any other number: IEEE 754 bits (every NaN as 0x7FF8000000000000)
///            | 0x04 str                 string
///            | 0x05 count:u32 value...  array
///            | 0x06 map                 object
/// ```
///
/// Lists keep their order (`subjectIDs` order is part of the event); only map keys are sorted.
public enum CanonicalEncoding {
    /// The version byte that starts every encoding.
    public static let version: UInt8 = 1

    enum ValueTag: UInt8 {
        case null = 0, bool, integer, double, string, array, object
    }

    /// The canonical bytes of `event`.
    public static func encode(_ event: AuditEvent) -> [UInt8] {
        var writer = ByteWriter(capacity: 256)
        writer.byte(version)
        writer.string(event.id)
        writer.int64(event.millisecondsSince1970)
        writer.string(event.actor)
        writer.string(event.role)
        writer.string(event.service)
        writer.string(event.action)
        writer.optionalString(event.objectType)
        writer.optionalString(event.objectID)
        writer.byte(outcomeCode(event.outcome))
        writer.optionalString(event.requestID)
        writer.count(event.subjectIDs.count)
        for subjectID in event.subjectIDs { writer.string(subjectID) }
        writer.count(event.leadIDs.count)
        for leadID in event.leadIDs { writer.string(leadID) }
        writeMap(event.details, into: &writer)
        if let disclosure = event.disclosure {
            writer.byte(1)
            writer.string(disclosure.recipient)
            writer.string(disclosure.purpose)
            writer.string(disclosure.nature)
        } else {
            writer.byte(0)
        }
        return writer.bytes
    }

    static func outcomeCode(_ outcome: AuditEvent.Outcome) -> UInt8 {
        switch outcome {
        case .allowed: 0
        case .denied: 1
        case .failed: 2
        }
    }

    private static func writeMap(_ map: [String: AuditValue], into writer: inout ByteWriter) {
        writer.count(map.count)
        // By UTF-8 bytes, not `String.<` (which orders by Unicode scalars after normalization):
        // byte order is what any other implementation can reproduce.
        for (key, value) in map.sorted(by: { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }) {
            writer.string(key)
            writeValue(value, into: &writer)
        }
    }

    private static func writeValue(_ value: AuditValue, into writer: inout ByteWriter) {
        switch value {
        case .null:
            writer.byte(ValueTag.null.rawValue)
        case .bool(let flag):
            writer.byte(ValueTag.bool.rawValue)
            writer.byte(flag ? 1 : 0)
        case .int(let integer):
            writer.byte(ValueTag.integer.rawValue)
            writer.int64(integer)
        case .double(let double):
            switch AuditValue.number(double) {
            case .integer(let integer):
                writer.byte(ValueTag.integer.rawValue)
                writer.int64(integer)
            case .double(let bits):
                writer.byte(ValueTag.double.rawValue)
                writer.uint64(bits)
            }
        case .string(let string):
            writer.byte(ValueTag.string.rawValue)
            writer.string(string)
        case .array(let elements):
            writer.byte(ValueTag.array.rawValue)
            writer.count(elements.count)
            for element in elements { writeValue(element, into: &writer) }
        case .object(let map):
            writer.byte(ValueTag.object.rawValue)
            writeMap(map, into: &writer)
        }
    }
}
