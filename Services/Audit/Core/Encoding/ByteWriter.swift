/// Appends big-endian integers and length-prefixed strings to a byte array.
struct ByteWriter {
    var bytes: [UInt8]

    init(capacity: Int) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    mutating func byte(_ value: UInt8) {
        bytes.append(value)
    }

    mutating func uint32(_ value: UInt32) {
        withUnsafeBytes(of: value.bigEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func uint64(_ value: UInt64) {
        withUnsafeBytes(of: value.bigEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func int64(_ value: Int64) {
        uint64(UInt64(bitPattern: value))
    }

    /// `uint32BE(length) || utf8`.
    mutating func string(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            precondition(utf8.count <= UInt32.max, "a string longer than 4 GiB cannot be encoded")
            uint32(UInt32(utf8.count))
            bytes.append(contentsOf: utf8)
        }
    }

    /// `0x00`, or `0x01` followed by the string.
    mutating func optionalString(_ value: String?) {
        if let value {
            byte(1)
            string(value)
        } else {
            byte(0)
        }
    }

    mutating func count(_ value: Int) {
        precondition(value <= UInt32.max, "more than 2^32 - 1 elements cannot be encoded")
        uint32(UInt32(value))
    }
}
