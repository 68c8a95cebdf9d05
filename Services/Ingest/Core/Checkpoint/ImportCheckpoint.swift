import Foundation

/// How far an import of one file has got: saved after each committed batch of rows, so an
/// interrupted import resumes at ``nextByteOffset`` without importing a row twice.
///
/// The checkpoint records the file's ``FileFingerprint``; ``ImportCheckpointStore/load()``
/// refuses it when the file no longer matches, because offsets into a changed file point at the
/// wrong rows. Holds no personal data.
public struct ImportCheckpoint: Sendable, Codable, Hashable {
    /// The layout version of this JSON, for future changes.
    public var version: Int
    public var file: FileFingerprint
    /// The file offset of the next row to read (a ``CSVRecord/nextByteOffset`` or
    /// ``JSONLine/nextByteOffset`` of the last committed row).
    public var nextByteOffset: UInt64
    /// The record or line number of that next row.
    public var nextRowNumber: Int
    /// Rows finished (any outcome) so far.
    public var rowsDone: Int
    public var counts: ImportCounts

    public init(
        file: FileFingerprint, nextByteOffset: UInt64, nextRowNumber: Int, rowsDone: Int, counts: ImportCounts
    ) {
        self.version = 1
        self.file = file
        self.nextByteOffset = nextByteOffset
        self.nextRowNumber = nextRowNumber
        self.rowsDone = rowsDone
        self.counts = counts
    }

    /// Where a CSV reader resumes.
    public var csvPosition: CSVPosition { CSVPosition(byteOffset: nextByteOffset, recordNumber: nextRowNumber) }
    /// Where a JSON Lines reader resumes.
    public var jsonLinesPosition: JSONLinesPosition {
        JSONLinesPosition(byteOffset: nextByteOffset, lineNumber: nextRowNumber)
    }
}

/// Why a checkpoint could not be loaded or saved.
public struct ImportCheckpointError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable {
        /// The import file changed since the checkpoint was saved (size, time or content).
        case fileChanged = "checkpoint.file-changed"
        /// The checkpoint file is not a checkpoint (or of an unknown version).
        case unreadable = "checkpoint.unreadable"
        case cannotWrite = "checkpoint.cannot-write"
        /// The import file itself cannot be read.
        case input = "checkpoint.input"
    }

    public let code: Code
    /// The checkpoint file's path.
    public let path: String
    /// For ``Code/fileChanged``: what differs (`size`, `modification time`, `content`).
    public let detail: String?

    init(_ code: Code, path: String, detail: String? = nil) {
        self.code = code
        self.path = path
        self.detail = detail
    }

    public var description: String {
        switch code {
        case .fileChanged:
            "the import file changed since checkpoint \(path) was saved (\(detail ?? "fingerprint")); "
                + "delete the checkpoint to import the file from the start"
        case .unreadable: "checkpoint \(path) cannot be read as an import checkpoint"
        case .cannotWrite: "checkpoint \(path) cannot be written"
        case .input: "the import file for checkpoint \(path) cannot be read"
        }
    }
}

/// Saves and loads the checkpoint of one import file in `<file>.import-state.json` beside it.
///
/// Saving writes a temporary file and renames it over the old one, so a crash leaves either the
/// old or the new checkpoint, never half of one.
public struct ImportCheckpointStore: Sendable {
    /// The import file.
    public let dataPath: String
    /// `<dataPath>.import-state.json`.
    public var statePath: String { dataPath + ".import-state.json" }

    public init(dataPath: String) { self.dataPath = dataPath }

    /// A fresh checkpoint at the start of the file (no rows done).
    public func initial(startingAt offset: UInt64 = 0, rowNumber: Int = 1) throws(ImportCheckpointError) -> ImportCheckpoint {
        ImportCheckpoint(file: try fingerprint(), nextByteOffset: offset, nextRowNumber: rowNumber, rowsDone: 0, counts: ImportCounts())
    }

    /// The saved checkpoint, or `nil` when there is none (a new import).
    /// - Throws: ``ImportCheckpointError/Code/fileChanged`` when the import file no longer matches
    ///   the checkpoint's fingerprint, ``ImportCheckpointError/Code/unreadable`` for a damaged checkpoint.
    public func load() throws(ImportCheckpointError) -> ImportCheckpoint? {
        guard let data = FileManager.default.contents(atPath: statePath) else { return nil }
        let checkpoint: ImportCheckpoint
        do { checkpoint = try JSONDecoder().decode(ImportCheckpoint.self, from: data) } catch {
            throw ImportCheckpointError(.unreadable, path: statePath)
        }
        guard checkpoint.version == 1 else { throw ImportCheckpointError(.unreadable, path: statePath) }
        let current = try fingerprint()
        var changes: [String] = []
        if current.size != checkpoint.file.size { changes.append("size") }
        if current.modifiedAtMilliseconds != checkpoint.file.modifiedAtMilliseconds { changes.append("modification time") }
        if current.headHash != checkpoint.file.headHash { changes.append("content") }
        guard changes.isEmpty else {
            throw ImportCheckpointError(.fileChanged, path: statePath, detail: changes.joined(separator: ", "))
        }
        return checkpoint
    }

    /// Replaces the saved checkpoint atomically.
    public func save(_ checkpoint: ImportCheckpoint) throws(ImportCheckpointError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        do {
            let data = try encoder.encode(checkpoint)
            try data.write(to: URL(fileURLWithPath: statePath), options: .atomic)
        } catch {
            throw ImportCheckpointError(.cannotWrite, path: statePath)
        }
    }

    /// Deletes the checkpoint (after a completed import). No error when there is none.
    public func remove() throws(ImportCheckpointError) {
        guard FileManager.default.fileExists(atPath: statePath) else { return }
        do { try FileManager.default.removeItem(atPath: statePath) } catch {
            throw ImportCheckpointError(.cannotWrite, path: statePath)
        }
    }

    private func fingerprint() throws(ImportCheckpointError) -> FileFingerprint {
        do { return try FileFingerprint(ofFileAt: dataPath) } catch {
            throw ImportCheckpointError(.input, path: statePath)
        }
    }
}
