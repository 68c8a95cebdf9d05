import Crypto
import Foundation
import IngestCore
import LeadTracContracts
import LeadTracDomain
import LeadTracMessaging
import Logging

/// `leadtrac import`: streams a CSV or JSON Lines extract through the YAML mapping, validates each
/// row with the same normaliser ingest uses, reports every row (accepted, rejected with reasons,
/// duplicate), and publishes the accepted rows to `leadtrac.inbound` as `import.lead-row.v1`.
///
/// Resumable: after each confirmed slice of rows the report is synced and a checkpoint
/// (`<file>.import-state.json`: file fingerprint, next byte offset, counts) is saved; a re-run
/// continues from there. Rows published after the last checkpoint are published again with the
/// same event ids (derived from the source, the file fingerprint and the row number), and ingest
/// keeps one lead per source record, so an interrupted import never duplicates a lead.
/// Memory stays flat but for the set of accepted record ids (hashed, 8 bytes each) that detects
/// duplicate rows; on resume it is rebuilt from the report.
struct BatchImport {
    let file: String
    let mapping: ImportMapping
    let source: String
    let broker: BrokerConfiguration
    let sliceSize = 500
    /// Where accepted rows go: `leadtrac.inbound` (nil), or straight to one queue (benchmarks).
    var destinationQueue: String?
    var progress: (ImportCounts, UInt64) -> Void = { _, _ in }

    var reportPath: String { file + ".report.jsonl" }
    var eventSource: String { "import/\(source)" }

    func run() throws -> ImportReport {
        let store = ImportCheckpointStore(dataPath: file)
        var checkpoint = try store.load() ?? store.initial()
        var report = ImportReport(counts: checkpoint.counts)
        var seen = Set<UInt64>()
        try truncateReport(toRowsBefore: checkpoint.nextRowNumber, collectingAcceptedInto: &seen, codes: &report.rejectionCodes)
        let writer = try ImportReportWriter(path: reportPath)
        let connection = try AMQPConnection(configuration: broker, name: "leadtrac import", logger: Logger(label: "leadtrac.cli"))
        defer { connection.close() }
        try Topology().declare(on: connection)
        try connection.enableConfirms()
        let rows = try RowSource(file: file, mapping: mapping, checkpoint: checkpoint)
        let normaliser = LeadNormaliser()
        let fingerprint = checkpoint.file.headHash
        var pending: [OutgoingMessage] = []
        var entries: [RowReportEntry] = []
        var next = (offset: checkpoint.nextByteOffset, row: checkpoint.nextRowNumber)

        func flush() throws {
            try connection.publish(pending)
            for entry in entries {
                try writer.write(entry)
                report.record(entry.outcome)
            }
            try writer.synchronize()
            checkpoint.nextByteOffset = next.offset
            checkpoint.nextRowNumber = next.row
            checkpoint.rowsDone = report.counts.total
            checkpoint.counts = report.counts
            try store.save(checkpoint)
            progress(report.counts, next.offset)
            pending.removeAll(keepingCapacity: true)
            entries.removeAll(keepingCapacity: true)
        }

        while let row = try rows.next() {
            let outcome: RowOutcome
            switch row.mapped {
            case .failure(let rejection):
                outcome = .rejected(sourceRecordID: rejection.sourceRecordID, problems: rejection.problems)
            case .success(let mapped):
                let provenance = Provenance(
                    system: eventSource, sourceKind: .partnerBatch, sourceRecordID: mapped.sourceRecordID,
                    receivedAt: Date(timeIntervalSince1970: Double(checkpoint.file.modifiedAtMilliseconds) / 1000), extract: (file as NSString).lastPathComponent)
                switch normaliser.normalise(mapped.lead, provenance: provenance) {
                case .failure(let failure):
                    outcome = .rejected(
                        sourceRecordID: mapped.sourceRecordID,
                        problems: failure.errors.map { RowProblem(code: $0.code.rawValue, field: $0.field, message: $0.message) })
                case .success:
                    if seen.insert(Self.key(mapped.sourceRecordID)).inserted {
                        let leadID = EventID.derive(from: eventSource, type: "lead", discriminator: mapped.sourceRecordID)
                        outcome = .accepted(leadID: leadID, sourceRecordID: mapped.sourceRecordID)
                        pending.append(try message(for: mapped, row: row.number, fingerprint: fingerprint))
                    } else {
                        outcome = .duplicate(sourceRecordID: mapped.sourceRecordID)
                    }
                }
            }
            entries.append(RowReportEntry(row: row.number, byteOffset: row.byteOffset, outcome: outcome))
            next = (row.nextByteOffset, row.number + 1)
            if entries.count >= sliceSize { try flush() }
        }
        try flush()
        try store.remove()
        return report
    }

    /// The inbound event for an accepted row: a lead record with its source record id.
    private func message(for mapped: MappedLead, row: Int, fingerprint: String) throws -> OutgoingMessage {
        let data = try JSONEncoder.sorted.encode(
            InboundLeadRecord(identity: InboundRecordIdentity(sourceRecordId: mapped.sourceRecordID), lead: mapped.lead))
        return CloudEvent(
            id: EventID.derive(from: "\(eventSource)#\(fingerprint)", type: InboundLeadType.importedRow.rawValue, discriminator: "\(row)"),
            source: eventSource, type: InboundLeadType.importedRow.rawValue, subject: mapped.sourceRecordID, data: Array(data)
        ).message(
            exchange: destinationQueue == nil ? Exchange.inbound : "",
            routingKey: destinationQueue ?? InboundLeadType.importedRow.rawValue, appID: "leadtrac-import")
    }

    /// Rows at or after `row` were reported by a run that did not reach its checkpoint: drop them,
    /// and remember the record ids accepted before it.
    private func truncateReport(
        toRowsBefore row: Int, collectingAcceptedInto seen: inout Set<UInt64>, codes: inout [String: Int]
    ) throws {
        guard let data = FileManager.default.contents(atPath: reportPath) else { return }
        var kept = Data()
        for line in data.split(separator: 0x0A) {
            guard let entry = try? JSONDecoder().decode(ReportLine.self, from: Data(line)), entry.row < row else { continue }
            if entry.outcome == "accepted", let id = entry.sourceRecordId { seen.insert(Self.key(id)) }
            for code in Set(entry.codes ?? []) { codes[code, default: 0] += 1 }
            kept += line
            kept.append(0x0A)
        }
        try kept.write(to: URL(fileURLWithPath: reportPath), options: .atomic)
    }

    private struct ReportLine: Decodable {
        var row: Int
        var outcome: String
        var sourceRecordId: String?
        var codes: [String]?
    }

    /// 8 bytes of SHA-256: a million ids in ~16 MB, collisions negligible at that scale.
    static func key(_ id: String) -> UInt64 {
        SHA256.hash(data: Array(id.utf8)).withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
    }
}

extension JSONEncoder {
    static let sorted: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return encoder
    }()
}
