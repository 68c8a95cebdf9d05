import LeadTracContracts
/// Appends events to the trail: gives each the next position and links it to the last record.
///
/// Holds only the last position and hash, so the writer resumes after a restart from the last
/// stored record (`init(lastPosition:lastHash:)`) and continues exactly as if it had not
/// stopped. One writer per trail: positions must stay dense.
public struct HashChain: Sendable, Hashable {
    /// The position of the last record, 0 before the first.
    public private(set) var lastPosition: Int64
    /// The hash of the last record (the chain head), ``Digest32/zero`` before the first.
    public private(set) var lastHash: Digest32

    /// An empty trail.
    public init() {
        self.init(lastPosition: 0, lastHash: .zero)
    }

    /// A trail whose last stored record has this position and hash.
    public init(lastPosition: Int64, lastHash: Digest32) {
        precondition(lastPosition >= 0, "positions start at 1")
        self.lastPosition = lastPosition
        self.lastHash = lastHash
    }

    /// The record for `event` at the next position; the chain moves on to it.
    public mutating func append(_ event: AuditEvent) -> AuditRecord {
        let canonical = CanonicalEncoding.encode(event)
        let leaf = AuditHash.leaf(canonical)
        let position = lastPosition + 1
        let hash = AuditHash.chain(previous: lastHash, position: position, leaf: leaf)
        let record = AuditRecord(
            position: position, event: event, canonicalEvent: canonical, leafHash: leaf,
            previousHash: lastHash, hash: hash)
        lastPosition = position
        lastHash = hash
        return record
    }
}
