import Foundation

/// Writes the per-row report as JSON Lines: one ``RowReportEntry`` per line.
///
/// The report holds row numbers, offsets, outcomes, problem codes, fields and messages, and the
/// source record id: no other value from the file, so it can be shared with the data owner.
/// Opened in append mode, so a resumed import adds to the report of the interrupted run.
/// Not thread-safe: one owner.
public final class ImportReportWriter {
    private let handle: FileHandle
    private let encoder: JSONEncoder

    /// Opens (creating if needed) the report at `path`, positioned at its end.
    /// - Throws: ``ImportInputError`` when the file cannot be created or opened.
    public init(path: String) throws(ImportInputError) {
        if !FileManager.default.fileExists(atPath: path) {
            guard FileManager.default.createFile(atPath: path, contents: nil) else {
                throw ImportInputError(.cannotOpen, path: path)
            }
        }
        guard let handle = FileHandle(forWritingAtPath: path) else { throw ImportInputError(.cannotOpen, path: path) }
        do { try handle.seekToEnd() } catch { throw ImportInputError(.cannotOpen, path: path) }
        self.handle = handle
        encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    }

    deinit { try? handle.close() }

    /// The JSON line for an entry, with its trailing LF.
    public static func line(for entry: RowReportEntry) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var data = (try? encoder.encode(entry)) ?? Data()
        data.append(0x0A)
        return data
    }

    /// Appends one entry.
    public func write(_ entry: RowReportEntry) throws {
        var data = try encoder.encode(entry)
        data.append(0x0A)
        try handle.write(contentsOf: data)
    }

    /// Flushes written entries to disk: call before saving a checkpoint, so the report is never
    /// behind the checkpoint.
    public func synchronize() throws {
        try handle.synchronize()
    }
}
