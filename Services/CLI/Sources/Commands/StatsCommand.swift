import ArgumentParser
import Foundation
import LeadTracRuntime
import LeadTracStorage
import Logging
import WorkflowService

/// `leadtrac stats`: the workflow's statistics as JSON (no personal data: counts and averages).
struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Volumes by source, category, state and tier; time in state and to disposition; referrals per office; per week.")

    @Option(name: .customLong("database-url"), help: "Database URL (default: $LEADTRAC_DATABASE_URL or the workflow role, local).")
    var databaseURL: String?
    @Option(help: "The workflow service's schema.") var schema = "workflow"

    func run() throws {
        let url = try databaseURL
            ?? Environment().string(
                "LEADTRAC_DATABASE_URL", default: "postgresql://leadtrac_workflow:leadtrac_workflow@127.0.0.1:5432/leadtrac")
        var logger = Logger(label: "leadtrac.cli")
        logger.logLevel = .warning
        let db = try PGConnection(configuration: try DatabaseConfiguration(url: url), logger: logger)
        defer { db.close() }
        let counts = try WorkflowStatistics(schema: schema).compute(on: db)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        encoder.dateEncodingStrategy = .iso8601
        print(String(decoding: try encoder.encode(counts), as: UTF8.self))
    }
}
