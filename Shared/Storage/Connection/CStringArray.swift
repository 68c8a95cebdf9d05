/// NUL-terminated C strings laid out in one buffer, handed to libpq as `const char * const *`;
/// as query parameters, also raw binary values (``appendBinary(_:)``) with their lengths.
///
/// One allocation for all values of a call (plus a stack-allocated pointer array) instead of
/// one `strdup` per value.
struct CStringArray {
    private var bytes: [UInt8] = []
    /// Offset of each string in `bytes`, or -1 for a null pointer.
    private var offsets: [Int] = []
    /// Per value, its length if it is binary, else -1 (text); empty while every value is text.
    private var binaryLengths: [Int32] = []

    init(capacity: Int) {
        offsets.reserveCapacity(capacity)
        bytes.reserveCapacity(capacity * 16)
    }

    var count: Int { offsets.count }

    mutating func appendNull() {
        offsets.append(-1)
        if !binaryLengths.isEmpty { binaryLengths.append(-1) }
    }

    /// Appends `string`; returns false (appending nothing) if it contains a NUL character,
    /// which a C string cannot carry and PostgreSQL text cannot store.
    mutating func append(_ string: String) -> Bool {
        var string = string
        let ok = string.withUTF8 { utf8 -> Bool in
            guard !utf8.contains(0) else { return false }
            offsets.append(bytes.count)
            bytes.append(contentsOf: utf8)
            bytes.append(0)
            if !binaryLengths.isEmpty { binaryLengths.append(-1) }
            return true
        }
        return ok
    }

    /// Appends raw bytes, to be sent in binary format (for a `bytea`, the bytes themselves:
    /// no hex digits to write, nor for the server to parse).
    mutating func appendBinary(_ value: [UInt8]) {
        if binaryLengths.isEmpty { binaryLengths = Array(repeating: -1, count: offsets.count) }
        offsets.append(bytes.count)
        binaryLengths.append(Int32(value.count))
        bytes.append(contentsOf: value)
        bytes.append(0)  // so that even an empty value has an address: a null pointer is SQL NULL
    }

    /// Calls `body` with libpq's parameter arrays: values, lengths and formats (nil while every
    /// value is text, which libpq then reads as C strings).
    func withParameters<R>(
        _ body: (UnsafePointer<UnsafePointer<CChar>?>?, UnsafePointer<Int32>?, UnsafePointer<Int32>?) -> R
    ) -> R {
        withPointers { values in
            guard !binaryLengths.isEmpty else { return body(values, nil, nil) }
            let formats = binaryLengths.map { $0 >= 0 ? Int32(1) : 0 }
            return binaryLengths.withUnsafeBufferPointer { lengths in
                formats.withUnsafeBufferPointer { body(values, lengths.baseAddress, $0.baseAddress) }
            }
        }
    }

    /// Calls `body` with a pointer to `count` C string pointers (plus a trailing null pointer
    /// when `nullTerminated`), valid only during the call.
    func withPointers<R>(nullTerminated: Bool = false, _ body: (UnsafePointer<UnsafePointer<CChar>?>?) -> R) -> R {
        if offsets.isEmpty && !nullTerminated { return body(nil) }
        return bytes.withUnsafeBufferPointer { buffer in
            // UInt8 and CChar (Int8) may alias: they are signed/unsigned variants of one size.
            let base = buffer.baseAddress.map { UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self) }
            return withUnsafeTemporaryAllocation(
                of: UnsafePointer<CChar>?.self, capacity: offsets.count + 1
            ) { pointers in
                for (index, offset) in offsets.enumerated() {
                    pointers[index] = offset >= 0 ? base.map { UnsafePointer($0 + offset) } : nil
                }
                pointers[offsets.count] = nil
                return body(UnsafePointer(pointers.baseAddress))
            }
        }
    }
}
