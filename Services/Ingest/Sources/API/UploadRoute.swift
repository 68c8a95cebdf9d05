import Foundation
import Hummingbird
import IngestCore
import LeadTracContracts
import LeadTracDomain
import LeadTracMessaging
import LeadTracRuntime
import LeadTracStorage

/// `POST /imports?source=NAME` (analyst, supervisor): a batch file uploaded over HTTP, with its
/// YAML mapping, handled like `leadtrac import` (same readers, mapping and validation) and
/// answered with the per-row report. Each accepted row is stored and announced through the
/// same intake as a feed message, in transactions of 500 rows; a row already imported earlier
/// under the same source and record id is `unchanged`, so uploading a file twice creates no
/// duplicates. Up to 64 MiB; larger extracts go through the CLI, which streams and resumes.
enum UploadRoute {
    struct Body: Decodable {
        /// The YAML mapping (docs/operations.md, "Batch import").
        var mapping: String
        /// The CSV or JSON Lines text, as the mapping's `format` says.
        var content: String
    }

    struct RowReport: Encodable, Sendable {
        var row: Int
        var outcome: String
        var sourceRecordId: String?
        var leadId: String?
        var problems: [RowProblem]?
    }

    struct Report: Encodable, Sendable {
        var source: String
        var accepted = 0
        var rejected = 0
        var duplicate = 0
        var unchanged = 0
        var rows: [RowReport] = []
    }

    static let slice = 500

    static func route(_ api: APIEnvironment, intake: LeadIntake) -> Route {
        Route(.post, "/imports", roles: [.analyst, .supervisor], summary: "Upload a batch file with its mapping") {
            request, context in
            guard let name = request.uri.queryParameters.get("source"), !name.isEmpty, name.count <= 64,
                name.allSatisfy({ $0.isLetter || $0.isNumber || "-_.".contains($0) })
            else {
                throw Problem.badRequest(
                    "import.source-invalid", detail: "give ?source=NAME (letters, digits, - _ .)",
                    errors: [.init(code: "import.source-invalid", field: "source", message: "letters, digits, - _ .")])
            }
            let body = try await request.decodeJSON(Body.self, context: context, limit: 64 << 20)
            let mapping: ImportMapping
            do {
                mapping = try ImportMapping.load(yaml: body.mapping)
            } catch let error as ImportMappingError {
                throw Problem.unprocessable(
                    "import.mapping-invalid", detail: "the mapping is not valid",
                    errors: error.issues.map { .init(code: $0.code.rawValue, field: "mapping.\($0.keyPath)", message: $0.message) })
            }
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("upload-\(UUID().uuidString)").path
            let source = "import/\(name)"
            let requestID = context.requestID
            // Staging the file, reading it and the database work all block: they run on a worker thread.
            let report = try await api.database.run { db -> Report in
                guard FileManager.default.createFile(atPath: file, contents: Data(body.content.utf8)) else {
                    throw Problem.internalError(detail: "the upload could not be staged")
                }
                defer { try? FileManager.default.removeItem(atPath: file) }
                let rows = try RowSource(file: file, mapping: mapping, checkpoint: ImportCheckpointStore(dataPath: file).initial())
                var report = Report(source: source)
                var seen = Set<String>()
                var done = false
                while !done {
                    try db.transaction { db in
                        for _ in 0..<slice {
                            guard let row = try rows.next() else {
                                done = true
                                return
                            }
                            report.rows.append(try handle(row, source: source, seen: &seen, requestID: requestID, intake: intake, api: api, db: db))
                            switch report.rows.last!.outcome {
                            case "accepted": report.accepted += 1
                            case "rejected": report.rejected += 1
                            case "duplicate": report.duplicate += 1
                            default: report.unchanged += 1
                            }
                        }
                    }
                }
                try db.transaction { db in
                    try api.audit.record(
                        context.auditEvent(
                            api, action: "import.upload", objectType: "import", objectID: source,
                            details: [
                                "accepted": .int(Int64(report.accepted)), "rejected": .int(Int64(report.rejected)),
                                "duplicate": .int(Int64(report.duplicate)), "unchanged": .int(Int64(report.unchanged)),
                                "bytes": .int(Int64(body.content.utf8.count)),
                            ]),
                        on: db, receipt: context.auditReceipt)
                }
                return report
            }
            return try .json(report)
        }
    }

    private static func handle(
        _ row: RowSource.Row, source: String, seen: inout Set<String>, requestID: String, intake: LeadIntake,
        api: APIEnvironment, db: PGConnection
    ) throws -> RowReport {
        let mapped: MappedLead
        switch row.mapped {
        case .failure(let rejection):
            return RowReport(row: row.number, outcome: "rejected", sourceRecordId: rejection.sourceRecordID, problems: rejection.problems)
        case .success(let value): mapped = value
        }
        guard seen.insert(mapped.sourceRecordID).inserted else {
            return RowReport(row: row.number, outcome: "duplicate", sourceRecordId: mapped.sourceRecordID)
        }
        let provenance = Provenance(
            system: source, sourceKind: .partnerBatch, sourceRecordID: mapped.sourceRecordID, receivedAt: Date(), extract: "upload")
        let record = InboundLeadRecord(identity: InboundRecordIdentity(sourceRecordId: mapped.sourceRecordID), lead: mapped.lead)
        switch try intake.accept(
            mapped.lead, provenance: provenance, eventType: InboundLeadType.importedRow.rawValue,
            rawBody: Array(try JSONEncoder().encode(record)), messageID: "\(requestID)#\(row.number)", on: db)
        {
        case .invalid(let problems):
            return RowReport(
                row: row.number, outcome: "rejected", sourceRecordId: mapped.sourceRecordID,
                problems: problems.map { RowProblem(code: $0.code.rawValue, field: $0.field, message: $0.message) })
        case .unchanged(let leadID):
            return RowReport(row: row.number, outcome: "unchanged", sourceRecordId: mapped.sourceRecordID, leadId: leadID)
        case .stored(let leadID, let revision, _, let data):
            try api.emit(
                type: EventType.leadReceived, bytes: data, subject: leadID,
                id: EventID.derive(from: leadID, type: EventType.leadReceived, discriminator: "\(revision)"),
                correlationID: requestID, on: db)
            return RowReport(row: row.number, outcome: "accepted", sourceRecordId: mapped.sourceRecordID, leadId: leadID)
        }
    }
}
