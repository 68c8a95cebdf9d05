import LeadTracContracts
/// An event as stored in the trail: its position, its canonical bytes and the hashes that
/// chain it to the record before.
public struct AuditRecord: Sendable, Hashable {
    /// 1-based and dense: the n-th record has position n.
    public var position: Int64
    public var event: AuditEvent
    /// ``CanonicalEncoding/encode(_:)`` of `event`: store these bytes, they are what is verified.
    public var canonicalEvent: [UInt8]
    /// ``AuditHash/leaf(_:)`` of `canonicalEvent`: the record's Merkle leaf.
    public var leafHash: Digest32
    /// The previous record's `hash`, or ``Digest32/zero`` for position 1.
    public var previousHash: Digest32
    /// ``AuditHash/chain(previous:position:leaf:)`` of `previousHash`, `position`, `leafHash`.
    public var hash: Digest32

    public init(
        position: Int64, event: AuditEvent, canonicalEvent: [UInt8], leafHash: Digest32,
        previousHash: Digest32, hash: Digest32
    ) {
        self.position = position
        self.event = event
        self.canonicalEvent = canonicalEvent
        self.leafHash = leafHash
        self.previousHash = previousHash
        self.hash = hash
    }
}
