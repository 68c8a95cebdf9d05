import LeadTracContracts
/// One record as read back from storage, for ``ChainVerifier``.
public struct StoredRow: Sendable, Hashable {
    public var position: Int64
    /// The event's canonical bytes as stored: what the stored hash is checked against.
    public var canonicalEvent: [UInt8]
    public var previousHash: Digest32
    public var hash: Digest32

    /// A row whose stored event bytes are at hand (the fast path: nothing is re-encoded).
    public init(position: Int64, canonicalEvent: [UInt8], previousHash: Digest32, hash: Digest32) {
        self.position = position
        self.canonicalEvent = canonicalEvent
        self.previousHash = previousHash
        self.hash = hash
    }

    /// A row whose event was stored as fields: it is encoded again, so the check covers the
    /// fields as read (not any other copy of the event).
    public init(position: Int64, event: AuditEvent, previousHash: Digest32, hash: Digest32) {
        self.init(
            position: position, canonicalEvent: CanonicalEncoding.encode(event), previousHash: previousHash, hash: hash)
    }

    /// The row a record is stored as.
    public init(_ record: AuditRecord) {
        self.init(
            position: record.position, canonicalEvent: record.canonicalEvent, previousHash: record.previousHash,
            hash: record.hash)
    }
}
