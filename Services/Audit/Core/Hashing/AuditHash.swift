import Crypto

/// The three SHA-256 hashes of the audit trail, each with its own one-byte domain prefix so
/// that no value computed for one purpose can be passed off as another:
///
/// - leaf:  `SHA256(0x00 || canonical(event))` — the RFC 6962 Merkle leaf, computed once per event;
/// - node:  `SHA256(0x01 || left || right)` — an RFC 6962 Merkle interior node;
/// - chain: `SHA256(0x02 || previousHash || uint64BE(position) || leaf)` — the record hash.
///
/// The record hash commits to the event through its leaf hash rather than to the event bytes
/// directly: that is equally binding (SHA-256 is collision resistant) and lets the verifier
/// hash each event's bytes only once for both the chain and the Merkle tree. It includes the
/// position so that a record moved to another position no longer matches its hash, which is
/// what lets the verifier tell deletions from reorderings.
public enum AuditHash {
    static let leafPrefix: UInt8 = 0x00
    static let nodePrefix: UInt8 = 0x01
    static let chainPrefix: UInt8 = 0x02

    /// The Merkle root of the empty tree (RFC 6962: the hash of the empty string).
    public static let emptyTreeRoot: Digest32 = sha256(UnsafeRawBufferPointer(start: nil, count: 0))

    /// `SHA256(0x00 || canonicalEvent)`.
    public static func leaf(_ canonicalEvent: [UInt8]) -> Digest32 {
        canonicalEvent.withUnsafeBytes { leaf($0) }
    }

    static func leaf(_ canonicalEvent: UnsafeRawBufferPointer) -> Digest32 {
        var hasher = SHA256()
        withUnsafeBytes(of: leafPrefix) { hasher.update(bufferPointer: $0) }
        hasher.update(bufferPointer: canonicalEvent)
        return hasher.finalize().withUnsafeBytes { Digest32(loading: $0) }
    }

    /// `SHA256(0x01 || left || right)`.
    public static func node(_ left: Digest32, _ right: Digest32) -> Digest32 {
        withUnsafeTemporaryAllocation(byteCount: 65, alignment: 8) { buffer in
            buffer.storeBytes(of: nodePrefix, toByteOffset: 0, as: UInt8.self)
            left.store(into: buffer, at: 1)
            right.store(into: buffer, at: 33)
            return sha256(UnsafeRawBufferPointer(buffer))
        }
    }

    /// `SHA256(0x02 || previous || uint64BE(position) || leaf)`: the hash stored with a record.
    public static func chain(previous: Digest32, position: Int64, leaf: Digest32) -> Digest32 {
        withUnsafeTemporaryAllocation(byteCount: 73, alignment: 8) { buffer in
            buffer.storeBytes(of: chainPrefix, toByteOffset: 0, as: UInt8.self)
            previous.store(into: buffer, at: 1)
            buffer.storeBytes(of: UInt64(bitPattern: position).bigEndian, toByteOffset: 33, as: UInt64.self)
            leaf.store(into: buffer, at: 41)
            return sha256(UnsafeRawBufferPointer(buffer))
        }
    }

    static func sha256(_ bytes: UnsafeRawBufferPointer) -> Digest32 {
        var hasher = SHA256()
        hasher.update(bufferPointer: bytes)
        return hasher.finalize().withUnsafeBytes { Digest32(loading: $0) }
    }
}

extension Digest32 {
    /// Writes the 32 bytes at `offset` (unaligned stores are fine).
    @inlinable func store(into buffer: UnsafeMutableRawBufferPointer, at offset: Int) {
        precondition(offset >= 0 && offset + Self.byteCount <= buffer.count)
        buffer.storeBytes(of: w0, toByteOffset: offset, as: UInt64.self)
        buffer.storeBytes(of: w1, toByteOffset: offset + 8, as: UInt64.self)
        buffer.storeBytes(of: w2, toByteOffset: offset + 16, as: UInt64.self)
        buffer.storeBytes(of: w3, toByteOffset: offset + 24, as: UInt64.self)
    }
}
