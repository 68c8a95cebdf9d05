/// NUL-terminated C strings laid out in one buffer, handed to libpq as `const char * const *`.
///
/// One allocation for all values of a call (plus a stack-allocated pointer array) instead of
/// one `strdup` per value.
struct CStringArray {
    private var bytes: [UInt8] = []
    /// Offset of each string in `bytes`, or -1 for a null pointer.
    private var offsets: [Int] = []

    init(capacity: Int) {
        offsets.reserveCapacity(capacity)
        bytes.reserveCapacity(capacity * 16)
    }

    var count: Int { offsets.count }

    mutating func appendNull() {
        offsets.append(-1)
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
            return true
        }
        return ok
    }

    /// Appends `\x` followed by the hex digits of `value` (bytea input format).
    mutating func appendHex(_ value: [UInt8]) {
        offsets.append(bytes.count)
        PGBytea.appendHex(value, to: &bytes)
        bytes.append(0)
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
