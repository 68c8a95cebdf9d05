import Crypto
import Foundation
import Testing

@testable import AuditCore

@Suite struct HashChainTests {
    /// SHA-256 through Crypto's one-shot API, independent of AuditHash.
    func sha256(_ parts: [UInt8]...) -> Digest32 {
        Digest32(bytes: Array(SHA256.hash(data: parts.flatMap { $0 })))!
    }

    func bigEndian(_ value: Int64) -> [UInt8] {
        (0..<8).map { UInt8(truncatingIfNeeded: value >> (56 - 8 * $0)) }
    }

    @Test func hashesFollowTheDocumentedDefinitions() {
        let canonical = CanonicalEncoding.encode(Fixtures.searchEvent())
        let leaf = sha256([0x00], canonical)
        #expect(AuditHash.leaf(canonical) == leaf)
        let previous = sha256(Array("previous".utf8))
        #expect(
            AuditHash.chain(previous: previous, position: 258, leaf: leaf)
                == sha256([0x02], previous.bytes, [0, 0, 0, 0, 0, 0, 1, 2], leaf.bytes))
        #expect(bigEndian(258) == [0, 0, 0, 0, 0, 0, 1, 2])
        #expect(AuditHash.node(previous, leaf) == sha256([0x01], previous.bytes, leaf.bytes))
        #expect(AuditHash.emptyTreeRoot.hex == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    @Test func eachRecordLinksToThePreviousOne() {
        let records = Trail(count: 50).records
        #expect(records.map(\.position) == Array(1...50))
        #expect(records[0].previousHash == .zero)
        for (previous, record) in zip(records, records.dropFirst()) {
            #expect(record.previousHash == previous.hash)
        }
        for record in records {
            #expect(record.canonicalEvent == CanonicalEncoding.encode(record.event))
            #expect(record.leafHash == sha256([0x00], record.canonicalEvent))
            #expect(
                record.hash == sha256([0x02], record.previousHash.bytes, bigEndian(record.position), record.leafHash.bytes))
        }
        #expect(Set(records.map(\.hash)).count == 50)
    }

    @Test func resumingFromTheLastRecordContinuesIdentically() {
        let uninterrupted = Trail(count: 20).records
        var first = HashChain()
        let before = (1...8).map { first.append(Fixtures.event($0)) }
        var resumed = HashChain(lastPosition: before.last!.position, lastHash: before.last!.hash)
        let after = (9...20).map { resumed.append(Fixtures.event($0)) }
        #expect(before + after == uninterrupted)
        #expect(resumed.lastPosition == 20)
        #expect(resumed.lastHash == uninterrupted.last!.hash)
    }

    @Test func theSameEventHashesDifferentlyAtAnotherPosition() {
        var chain = HashChain()
        let event = Fixtures.searchEvent()
        let first = chain.append(event)
        var elsewhere = HashChain(lastPosition: 1, lastHash: first.previousHash)
        let moved = elsewhere.append(event)
        #expect(first.leafHash == moved.leafHash)
        #expect(first.previousHash == moved.previousHash)
        #expect(first.hash != moved.hash)
    }

    @Test func digestsRoundTripThroughHexAndJSON() throws {
        let digest = sha256(Array("x".utf8))
        #expect(Digest32(hex: digest.hex) == digest)
        #expect(Digest32(hex: digest.hex.uppercased()) == digest)
        #expect(Digest32(bytes: digest.bytes) == digest)
        #expect(Digest32(hex: String(digest.hex.dropLast())) == nil)
        #expect(Digest32(hex: String(digest.hex.dropLast()) + "g") == nil)
        #expect(Digest32(bytes: [UInt8](repeating: 0, count: 31)) == nil)
        #expect(Digest32.zero.bytes == [UInt8](repeating: 0, count: 32))
        let json = try JSONEncoder().encode([digest])
        #expect(String(decoding: json, as: UTF8.self) == "[\"\(digest.hex)\"]")
        #expect(try JSONDecoder().decode([Digest32].self, from: json) == [digest])
    }
}
