import CRabbitMQ
import Foundation

/// A value in an AMQP field table (message headers, queue arguments), as Swift sees it.
public indirect enum FieldValue: Sendable, Hashable {
    case string(String)
    case int(Int64)
    case bool(Bool)
    case double(Double)
    case timestamp(UInt64)
    case bytes([UInt8])
    case table([String: FieldValue])
    case array([FieldValue])
    case void

    public var stringValue: String? {
        switch self {
        case .string(let value): value
        case .bytes(let value): String(decoding: value, as: UTF8.self)
        default: nil
        }
    }

    public var intValue: Int64? {
        if case .int(let value) = self { return value }
        return nil
    }
}

extension FieldValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int64) { self = .int(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
}

// MARK: - Reading tables from the C library

extension amqp_bytes_t {
    /// Copies the bytes out; the library reuses its buffers after the next call.
    var array: [UInt8] {
        guard len > 0, let bytes else { return [] }
        return Array(UnsafeRawBufferPointer(start: bytes, count: len))
    }

    var string: String { String(decoding: array, as: UTF8.self) }
}

extension FieldValue {
    static func decode(_ table: amqp_table_t) -> [String: FieldValue] {
        var result: [String: FieldValue] = [:]
        guard table.num_entries > 0, let entries = table.entries else { return result }
        for index in 0..<Int(table.num_entries) {
            let entry = entries[index]
            result[entry.key.string] = decode(entry.value)
        }
        return result
    }

    static func decode(_ field: amqp_field_value_t) -> FieldValue {
        let value = field.value
        switch UInt32(field.kind) {
        case AMQP_FIELD_KIND_BOOLEAN.rawValue: return .bool(value.boolean != 0)
        case AMQP_FIELD_KIND_I8.rawValue: return .int(Int64(value.i8))
        case AMQP_FIELD_KIND_U8.rawValue: return .int(Int64(value.u8))
        case AMQP_FIELD_KIND_I16.rawValue: return .int(Int64(value.i16))
        case AMQP_FIELD_KIND_U16.rawValue: return .int(Int64(value.u16))
        case AMQP_FIELD_KIND_I32.rawValue: return .int(Int64(value.i32))
        case AMQP_FIELD_KIND_U32.rawValue: return .int(Int64(value.u32))
        case AMQP_FIELD_KIND_I64.rawValue: return .int(value.i64)
        case AMQP_FIELD_KIND_U64.rawValue: return .int(Int64(truncatingIfNeeded: value.u64))
        case AMQP_FIELD_KIND_TIMESTAMP.rawValue: return .timestamp(value.u64)
        case AMQP_FIELD_KIND_F32.rawValue: return .double(Double(value.f32))
        case AMQP_FIELD_KIND_F64.rawValue: return .double(value.f64)
        case AMQP_FIELD_KIND_UTF8.rawValue: return .string(value.bytes.string)
        case AMQP_FIELD_KIND_BYTES.rawValue: return .bytes(value.bytes.array)
        case AMQP_FIELD_KIND_TABLE.rawValue: return .table(decode(value.table))
        case AMQP_FIELD_KIND_ARRAY.rawValue:
            let array = value.array
            guard array.num_entries > 0, let entries = array.entries else { return .array([]) }
            return .array((0..<Int(array.num_entries)).map { decode(entries[$0]) })
        default: return .void
        }
    }
}

// MARK: - Building tables for the C library

/// Owns the C memory of a field table for as long as a call needs it.
///
/// rabbitmq-c takes tables by value with pointers into caller memory; this arena keeps
/// every buffer alive until `withTable` returns, then frees it all at once.
final class FieldTableArena {
    private var allocations: [UnsafeMutableRawPointer] = []

    deinit { allocations.forEach { $0.deallocate() } }

    func bytes(_ string: String) -> amqp_bytes_t { bytes(Array(string.utf8)) }

    func bytes(_ data: [UInt8]) -> amqp_bytes_t {
        guard !data.isEmpty else { return amqp_bytes_t(len: 0, bytes: nil) }
        let memory = UnsafeMutableRawPointer.allocate(byteCount: data.count, alignment: 1)
        data.withUnsafeBytes { memory.copyMemory(from: $0.baseAddress!, byteCount: data.count) }
        allocations.append(memory)
        return amqp_bytes_t(len: data.count, bytes: memory)
    }

    func table(_ fields: [String: FieldValue]) -> amqp_table_t {
        guard !fields.isEmpty else { return amqp_table_t(num_entries: 0, entries: nil) }
        let entries = UnsafeMutablePointer<amqp_table_entry_t>.allocate(capacity: fields.count)
        allocations.append(UnsafeMutableRawPointer(entries))
        // Sorted keys make the encoding deterministic (useful in tests and captures).
        for (index, key) in fields.keys.sorted().enumerated() {
            entries[index] = amqp_table_entry_t(key: bytes(key), value: field(fields[key]!))
        }
        return amqp_table_t(num_entries: Int32(fields.count), entries: entries)
    }

    func field(_ value: FieldValue) -> amqp_field_value_t {
        var field = amqp_field_value_t()
        switch value {
        case .string(let string):
            field.kind = UInt8(AMQP_FIELD_KIND_UTF8.rawValue)
            field.value.bytes = bytes(string)
        case .int(let number):
            field.kind = UInt8(AMQP_FIELD_KIND_I64.rawValue)
            field.value.i64 = number
        case .bool(let flag):
            field.kind = UInt8(AMQP_FIELD_KIND_BOOLEAN.rawValue)
            field.value.boolean = flag ? 1 : 0
        case .double(let number):
            field.kind = UInt8(AMQP_FIELD_KIND_F64.rawValue)
            field.value.f64 = number
        case .timestamp(let seconds):
            field.kind = UInt8(AMQP_FIELD_KIND_TIMESTAMP.rawValue)
            field.value.u64 = seconds
        case .bytes(let data):
            field.kind = UInt8(AMQP_FIELD_KIND_BYTES.rawValue)
            field.value.bytes = bytes(data)
        case .table(let nested):
            field.kind = UInt8(AMQP_FIELD_KIND_TABLE.rawValue)
            field.value.table = table(nested)
        case .array(let values):
            field.kind = UInt8(AMQP_FIELD_KIND_ARRAY.rawValue)
            let entries = UnsafeMutablePointer<amqp_field_value_t>.allocate(capacity: max(values.count, 1))
            allocations.append(UnsafeMutableRawPointer(entries))
            for (index, element) in values.enumerated() { entries[index] = self.field(element) }
            field.value.array = amqp_array_t(num_entries: Int32(values.count), entries: values.isEmpty ? nil : entries)
        case .void:
            field.kind = UInt8(AMQP_FIELD_KIND_VOID.rawValue)
        }
        return field
    }
}
