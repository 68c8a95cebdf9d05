import Crypto
import Foundation
import Testing

@testable import AuditCore

@Suite struct CheckpointTests {
    let trail = Trail(count: 12)

    @Test func signedCheckpointVerifies() throws {
        let checkpoint = try trail.checkpoint(size: 12)
        #expect(checkpoint.keyID == "audit-2025")
        #expect(checkpoint.signature.count == 64)
        #expect(checkpoint.chainHead == trail.records[11].hash)
        try Fixtures.keys.verify(checkpoint)
        #expect(Fixtures.keys.isValid(checkpoint))
        // Independently of the verifier: Ed25519 over the documented signed bytes.
        #expect(Fixtures.signingKey.publicKey.isValidSignature(checkpoint.signature, for: checkpoint.signedBytes))
    }

    @Test func signedBytesFollowTheDocumentedLayout() throws {
        let checkpoint = try trail.checkpoint(size: 3)
        var expected = Array("leadtrac.audit.checkpoint.v1".utf8) + [0]
        expected += [0, 0, 0, 0, 0, 0, 0, 3]
        expected += checkpoint.merkleRoot.bytes + checkpoint.chainHead.bytes
        expected += withUnsafeBytes(of: checkpoint.millisecondsSince1970.bigEndian, Array.init)
        expected += [0, 0, 0, 10] + Array("audit-2025".utf8)
        #expect(checkpoint.signedBytes == expected)
    }

    @Test func unknownKeyIDFails() throws {
        var checkpoint = try trail.checkpoint(size: 12)
        checkpoint.keyID = "audit-2024"
        #expect(throws: CheckpointSignatureError.unknownKeyID) { try Fixtures.keys.verify(checkpoint) }
        let otherVerifier = CheckpointVerifier(publicKeys: [:])
        #expect(throws: CheckpointSignatureError.unknownKeyID) { try otherVerifier.verify(try trail.checkpoint(size: 12)) }
    }

    @Test func keyRegisteredUnderTheIDMustBeTheSigningKey() throws {
        let checkpoint = try trail.checkpoint(size: 12)
        let wrongKey = CheckpointVerifier(publicKeys: ["audit-2025": Curve25519.Signing.PrivateKey().publicKey])
        #expect(throws: CheckpointSignatureError.invalidSignature) { try wrongKey.verify(checkpoint) }
    }

    static let tamperings: [(String, @Sendable (inout Checkpoint) -> Void)] = [
        ("treeSize", { $0.treeSize += 1 }),
        ("merkleRoot", { $0.merkleRoot = AuditHash.node($0.merkleRoot, $0.merkleRoot) }),
        ("chainHead", { $0.chainHead = .zero }),
        ("time", { $0.millisecondsSince1970 += 1 }),
        ("signature bit", { $0.signature[10] ^= 0x01 }),
        ("signature truncated", { $0.signature = $0.signature.dropLast() }),
    ]

    @Test(arguments: tamperings.indices)
    func tamperedFieldFails(_ index: Int) throws {
        let (name, tamper) = Self.tamperings[index]
        var checkpoint = try trail.checkpoint(size: 12)
        tamper(&checkpoint)
        #expect(throws: CheckpointSignatureError.invalidSignature, "\(name)") { try Fixtures.keys.verify(checkpoint) }
    }

    @Test func renamingACheckpointToAnotherRegisteredKeyFails() throws {
        let otherKey = Curve25519.Signing.PrivateKey()
        let keys = CheckpointVerifier(publicKeys: ["audit-2025": Fixtures.signingKey.publicKey, "audit-2026": otherKey.publicKey])
        var checkpoint = try trail.checkpoint(size: 12)
        checkpoint.keyID = "audit-2026"
        #expect(!keys.isValid(checkpoint))
    }

    @Test func rotatedKeysVerifyTheirOwnCheckpoints() throws {
        let newKey = Curve25519.Signing.PrivateKey()
        let newSigner = CheckpointSigner(privateKey: newKey, keyID: "audit-2026")
        let keys = CheckpointVerifier(publicKeys: ["audit-2025": Fixtures.signingKey.publicKey, "audit-2026": newKey.publicKey])
        let old = try trail.checkpoint(size: 6)
        let new = try trail.checkpoint(size: 12, signer: newSigner)
        #expect(keys.isValid(old) && keys.isValid(new))
        #expect(!Fixtures.keys.isValid(new))
    }

    @Test func checkpointsRoundTripThroughJSON() throws {
        let checkpoint = try trail.checkpoint(size: 12)
        let decoded = try JSONDecoder().decode(Checkpoint.self, from: try JSONEncoder().encode(checkpoint))
        #expect(decoded == checkpoint)
        #expect(Fixtures.keys.isValid(decoded))
    }
}
