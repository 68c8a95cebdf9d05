import Foundation
import LeadTracContracts
import LeadTracMessaging
import LeadTracRuntime
import LeadTracStorage
import Logging
import WorkflowCore

/// The weekly extract of leads below the priority threshold for the other enforcement office
/// (`ero.weekly-extract.v1` plus a CSV file), exactly once per ISO week.
///
/// A periodic job (hourly by default) asks which completed weeks have no extract yet; for
/// each it, in one transaction, claims the week (the `weekly_extracts` primary key: a second
/// instance, or a rerun after a crash before commit, cannot claim it again), marks the
/// below-threshold leads not yet extracted, writes the CSV file (same name for the same week,
/// so a crashed attempt's file is simply overwritten) and the event into the outbox.
public struct WeeklyExtractJob: Sendable {
    let schema: String
    let directory: String
    let service: String

    public init(schema: String, directory: String, service: String) {
        self.schema = schema
        self.directory = directory
        self.service = service
    }

    /// Extracts every completed week without an extract; returns the weeks extracted.
    @discardableResult
    public func run(now: Date = Date(), on db: PGConnection, logger: Logger) throws -> [String] {
        let table = "\(quoteIdentifier(schema)).weekly_extracts"
        let last = try db.execute("SELECT week FROM \(table) ORDER BY week DESC LIMIT 1").rows.first
            .map { try $0.decode(String.self, at: 0) }.flatMap(ExtractWeek.init(key:))
        // The first run extracts only the week that just ended.
        let due = WeeklyExtractSchedule.weeksDue(at: now, lastExtracted: last ?? ExtractWeek(containing: now).previous.previous)
        var done: [String] = []
        for week in due {
            let extracted = try db.transaction { db -> Bool in
                let file = "ero-extract-\(week.key).csv"
                guard try db.execute(
                    "INSERT INTO \(table) (week, lead_count, file) VALUES ($1, 0, $2) ON CONFLICT DO NOTHING",
                    [PGValue(week.key), PGValue(file)]
                ).affectedRows == 1 else { return false }
                let rows = try db.execute(
                    """
                    UPDATE \(quoteIdentifier(schema)).leads SET extracted_week = $1
                    WHERE tier = 'belowThreshold' AND extracted_week IS NULL AND state = 'queued' AND queued_at < $2
                    RETURNING lead_id, subject_id, category, points, source, queued_at
                    """, [PGValue(week.key), PGValue(week.end)]
                ).rows.map { row in
                    WeeklyExtract.Row(
                        leadID: try row.decode(String.self, at: 0), subjectID: try row.decode(String?.self, at: 1) ?? "",
                        category: try row.decode(String?.self, at: 2), points: try row.decode(Int?.self, at: 3),
                        source: try row.decode(String?.self, at: 4), queuedAt: try row.decode(Date.self, at: 5))
                }.sorted { $0.leadID < $1.leadID }
                try db.execute("UPDATE \(table) SET lead_count = $2 WHERE week = $1", [PGValue(week.key), PGValue(rows.count)])
                try writeCSV(rows, to: (directory as NSString).appendingPathComponent(file))
                let extract = WeeklyExtract(week: week.key, rows: rows, file: file)
                let event = CloudEvent(
                    id: EventID.derive(from: week.key, type: EventType.eroWeeklyExtract), source: "leadtrac/\(service)",
                    type: EventType.eroWeeklyExtract, subject: week.key, data: Array(try ContractCoding.encoder().encode(extract)))
                try Outbox(schema: schema).enqueue(
                    [event.message(exchange: Exchange.outbound, routingKey: EventType.eroWeeklyExtract, appID: service)], on: db)
                logger.info("weekly extract written", metadata: ["extract.week": "\(week.key)", "extract.leads": "\(rows.count)"])
                return true
            }
            if extracted { done.append(week.key) }
        }
        return done
    }

    private func writeCSV(_ rows: [WeeklyExtract.Row], to path: String) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var text = "lead_id,subject_id,category,points,source,queued_at\n"
        for row in rows {
            text += [row.leadID, row.subjectID, row.category ?? "", row.points.map(String.init) ?? "", row.source ?? "",
                     row.queuedAt.formatted(.iso8601)].map(Self.field).joined(separator: ",") + "\n"
        }
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }

    private static func field(_ text: String) -> String {
        text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
    }
}
