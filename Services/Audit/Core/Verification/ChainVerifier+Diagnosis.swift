/// The classification rules of ``ChainVerifier`` for a row that does not continue the chain.
extension ChainVerifier {
    /// A failed row whose kind depends on the row after it.
    enum Suspect: Sendable {
        /// A row arrived at `rowPosition`, above the expected `missing`.
        case gap(missing: Int64, rowPosition: Int64)
        /// The row at `position` (with hash `hash`) was hashed for position `position + shift`.
        case displacedLater(position: Int64, hash: Digest32, shift: Int64)
        /// The row at `position` does not belong there; `otherwise` is the failure unless the
        /// next row is the genuine record `position` (then the row was inserted).
        case misfit(position: Int64, otherwise: VerificationFailure)
    }

    /// A row whose position is not the expected one.
    mutating func positionMismatch(_ row: StoredRow, expected: Int64) -> VerificationFailure? {
        if row.position > expected {
            pending = .gap(missing: expected, rowPosition: row.position)
            return nil
        }
        if row.position == expected - 1 {
            return VerificationFailure(
                kind: .inserted, position: row.position, message: "a second record at position \(row.position)")
        }
        return VerificationFailure(
            kind: .reordered, position: row.position,
            message: "record \(row.position) arrives after record \(expected - 1)")
    }

    /// A row at the expected position that does not link to the last record or does not match
    /// its hash: fails now, or leaves a suspect for the next row to classify.
    mutating func diagnose(_ row: StoredRow, leaf: Digest32) -> VerificationFailure? {
        let position = row.position
        let hashMismatch = VerificationFailure(
            kind: .modified, position: position, message: "record \(position) does not match its stored hash")
        if row.previousHash == head {
            pending = .misfit(position: position, otherwise: hashMismatch)
            return nil
        }
        let hashedFor = positionHashed(row, leaf: leaf, near: position)
        if let copied = recentPosition(of: row.hash, includingGenesis: false) {
            return VerificationFailure(
                kind: .inserted, position: position, message: "record \(position) is a copy of record \(copied)")
        }
        if let linked = recentPosition(of: row.previousHash) {
            if hashedFor == linked + 1 {
                return VerificationFailure(
                    kind: .inserted, position: linked + 1,
                    message: "record \(linked + 1) reappears at position \(position): "
                        + "\(position - linked - 1) record(s) were inserted before it")
            }
            pending = .misfit(position: position, otherwise: hashMismatch)
            return nil
        }
        switch hashedFor {
        case position?:
            let changed = position == 1 || lastMatchedCheckpointSize == position - 1 ? position : position - 1
            let message = changed == position
                ? "record \(position) links to a hash that is not the previous record's"
                : "record \(changed) was changed and its hash recomputed: record \(position) links to another hash"
            pending = .misfit(position: position, otherwise: .init(kind: .modified, position: changed, message: message))
        case let original? where original > position:
            pending = .displacedLater(position: position, hash: row.hash, shift: original - position)
        case let original?:
            pending = .misfit(
                position: position,
                otherwise: .init(
                    kind: .reordered, position: position,
                    message: "record \(original) appears at position \(position)"))
        case nil:
            pending = .misfit(
                position: position,
                otherwise: .init(
                    kind: .modified, position: position,
                    message: "record \(position) matches neither its stored hash nor the previous record"))
        }
        return nil
    }

    /// The failure for a suspect, given the row after it (nil at the end of the stream).
    func classify(_ suspect: Suspect, next: StoredRow?) -> VerificationFailure {
        switch suspect {
        case .gap(let missing, let rowPosition):
            if next?.position == missing {
                return VerificationFailure(
                    kind: .reordered, position: missing, message: "record \(missing) arrives after record \(rowPosition)")
            }
            return VerificationFailure(
                kind: .deleted, position: missing,
                message: rowPosition - missing == 1
                    ? "record \(missing) is missing"
                    : "records \(missing) through \(rowPosition - 1) are missing")

        case .displacedLater(let position, let hash, let shift):
            let deleted = VerificationFailure(
                kind: .deleted, position: position,
                message: "\(shift) record(s) missing before position \(position); later records moved up")
            guard let next, next.position == position + 1 else { return next == nil ? deleted : moved(position) }
            if next.previousHash == hash { return deleted }
            let nextLeaf = AuditHash.leaf(next.canonicalEvent)
            if positionHashed(next, leaf: nextLeaf, near: next.position) == next.position + shift { return deleted }
            return moved(position)

        case .misfit(let position, let otherwise):
            if let next, isGenuineRecord(next, at: position) {
                return VerificationFailure(
                    kind: .inserted, position: position,
                    message: "record \(position) was inserted; the original record \(position) follows it")
            }
            return otherwise
        }
    }

    private func moved(_ position: Int64) -> VerificationFailure {
        VerificationFailure(kind: .reordered, position: position, message: "record at position \(position) was moved")
    }

    /// Whether `row` (one place late) is the record that belongs at `position`: it links to
    /// the last accepted record and hashes correctly for `position`.
    private func isGenuineRecord(_ row: StoredRow, at position: Int64) -> Bool {
        row.position == position + 1 && row.previousHash == head
            && AuditHash.chain(previous: head, position: position, leaf: AuditHash.leaf(row.canonicalEvent)) == row.hash
    }

    /// The position within the diagnosis window for which `row`'s hash was computed (given
    /// its stored previous hash), nearest to `position` first.
    func positionHashed(_ row: StoredRow, leaf: Digest32, near position: Int64) -> Int64? {
        func fits(_ candidate: Int64) -> Bool {
            candidate >= 1 && AuditHash.chain(previous: row.previousHash, position: candidate, leaf: leaf) == row.hash
        }
        if fits(position) { return position }
        for distance in 1...Self.diagnosisWindow {
            if fits(position + distance) { return position + distance }
            if fits(position - distance) { return position - distance }
        }
        return nil
    }

    /// The position of an accepted record among the last ``diagnosisWindow`` whose hash is
    /// `hash`, most recent first; with `includingGenesis`, 0 for the zero hash (what record 1
    /// links to).
    func recentPosition(of hash: Digest32, includingGenesis: Bool = true) -> Int64? {
        if hash == .zero { return includingGenesis ? 0 : nil }
        var candidate = verified
        while candidate >= 1, candidate > verified - Self.diagnosisWindow {
            if recent[Int(candidate % Self.diagnosisWindow)] == hash { return candidate }
            candidate -= 1
        }
        return nil
    }
}
