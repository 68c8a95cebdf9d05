import Foundation

/// Reads a file in fixed-size chunks and remembers the absolute file offset of each chunk.
///
/// Both streaming readers (``CSVReader``, ``JSONLinesReader``) sit on top of this, so that memory
/// stays bounded by the chunk size (plus one record) whatever the size of the file, and so that
/// every record can be given the byte offset where it starts, which is what a resumed import
/// seeks to. Not thread-safe: one owner.
final class ChunkedFileInput {
    private let handle: FileHandle
    let chunkSize: Int
    /// The current chunk.
    private(set) var chunk: [UInt8] = []
    /// The absolute file offset of `chunk[0]`.
    private(set) var chunkOffset: UInt64
    private(set) var isAtEnd = false

    /// Opens `path` for reading from `offset`.
    /// - Throws: ``ImportInputError`` when the file cannot be opened or positioned.
    init(path: String, chunkSize: Int, startingAt offset: UInt64 = 0) throws(ImportInputError) {
        precondition(chunkSize > 0, "chunk size must be positive")
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw ImportInputError(.cannotOpen, path: path)
        }
        self.handle = handle
        self.chunkSize = chunkSize
        self.chunkOffset = offset
        if offset > 0 {
            do { try handle.seek(toOffset: offset) } catch { throw ImportInputError(.cannotRead, path: path) }
        }
        self.path = path
    }

    private let path: String

    /// 3 when the file starts with a UTF-8 byte-order mark (which readers skip), else 0.
    /// `nil` when the file cannot be opened.
    static func byteOrderMarkLength(path: String) -> UInt64? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 3)) ?? nil
        return head.map { [UInt8]($0) == [0xEF, 0xBB, 0xBF] } == true ? 3 : 0
    }

    deinit { try? handle.close() }

    /// Replaces the current chunk with the next one. Afterwards `chunk` is empty only at the end
    /// of the file.
    func advance() throws(ImportInputError) {
        chunkOffset += UInt64(chunk.count)
        guard !isAtEnd else {
            chunk = []
            return
        }
        let data: Data?
        do { data = try handle.read(upToCount: chunkSize) } catch {
            throw ImportInputError(.cannotRead, path: path)
        }
        guard let data, !data.isEmpty else {
            chunk = []
            isAtEnd = true
            return
        }
        chunk = [UInt8](data)
    }
}

/// The input file of an import could not be opened or read.
///
/// Carries the path (chosen by the operator, not personal data) and a generic description.
public struct ImportInputError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong.
    public enum Code: String, Sendable, Hashable {
        case cannotOpen = "input.cannot-open"
        case cannotRead = "input.cannot-read"
    }

    public let code: Code
    public let path: String

    init(_ code: Code, path: String) {
        self.code = code
        self.path = path
    }

    public var description: String {
        switch code {
        case .cannotOpen: "cannot open import file \(path)"
        case .cannotRead: "cannot read import file \(path)"
        }
    }
}
