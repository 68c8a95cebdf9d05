import Foundation

/// What identifies the content of an import file cheaply: its size, modification time and an
/// FNV-1a 64 hash of its first 64 KiB.
///
/// Why not a full hash: the file may be gigabytes and this is taken on every resume. Size and
/// time catch appends and rewrites; the head hash catches a different file copied in with the
/// same size and time. FNV-1a is not cryptographic: it guards against mistakes, not attackers.
public struct FileFingerprint: Sendable, Codable, Hashable {
    public var size: UInt64
    /// Modification time in whole milliseconds since 1970, so it survives JSON exactly.
    public var modifiedAtMilliseconds: Int64
    /// FNV-1a 64 of the first ``headLength`` bytes, as 16 lower-case hex digits.
    public var headHash: String

    public static let headLength = 64 * 1024

    public init(size: UInt64, modifiedAtMilliseconds: Int64, headHash: String) {
        self.size = size
        self.modifiedAtMilliseconds = modifiedAtMilliseconds
        self.headHash = headHash
    }

    /// Takes the fingerprint of the file at `path`.
    /// - Throws: ``ImportInputError`` when the file cannot be read.
    public init(ofFileAt path: String) throws(ImportInputError) {
        let attributes: [FileAttributeKey: Any]
        do { attributes = try FileManager.default.attributesOfItem(atPath: path) } catch {
            throw ImportInputError(.cannotOpen, path: path)
        }
        guard let handle = FileHandle(forReadingAtPath: path) else { throw ImportInputError(.cannotOpen, path: path) }
        defer { try? handle.close() }
        let head: Data
        do { head = try handle.read(upToCount: Self.headLength) ?? Data() } catch {
            throw ImportInputError(.cannotRead, path: path)
        }
        size = (attributes[.size] as? NSNumber)?.uint64Value ?? 0
        let modified = (attributes[.modificationDate] as? Date) ?? Date(timeIntervalSince1970: 0)
        modifiedAtMilliseconds = Int64((modified.timeIntervalSince1970 * 1000).rounded(.down))
        headHash = String(format: "%016llx", Self.fnv1a64(head))
    }

    /// The 64-bit FNV-1a hash of `bytes`.
    public static func fnv1a64<Bytes: Sequence>(_ bytes: Bytes) -> UInt64 where Bytes.Element == UInt8 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        return hash
    }
}
