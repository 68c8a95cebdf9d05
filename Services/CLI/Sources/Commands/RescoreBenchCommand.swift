import ArgumentParser
import Foundation
import LeadTracStorage
import LeadTracTesting

/// `leadtrac bench rescore`: what-if diff and activation time over many open leads.
struct RescoreBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rescore", abstract: "Time the what-if diff and the activation of a rule set over N open leads.")

    @Option(name: .customLong("open-leads"), help: "Synthetic open leads loaded with COPY.") var openLeads = 1_000_000
    @Option(name: .customLong("database-url"), help: "Admin database URL (default: $LEADTRAC_TEST_DATABASE_URL or local).")
    var databaseURL: String?
    @Flag(help: "Keep the benchmark schema (it is dropped by default).") var keep = false

    func run() throws {
        let bench = RescoreBenchmark(database: try DatabaseConfiguration(url: databaseURL ?? TestServers.databaseURL))
        let result = try bench.run(openLeads: openLeads, keep: keep) { line in
            FileHandle.standardError.write(Data((line + "\n").utf8))
        }
        print(String(format: "load: %d open leads (facts + scores under the default rules) with COPY in %.1f s", openLeads, result.load))
        print(String(
            format: "diff: %d leads compared in %.1f s (%.0f leads/s); %d change priority, %d points only",
            result.diff.total, result.diffSeconds, Double(result.diff.total) / result.diffSeconds, result.diff.changedTier,
            result.diff.changedScoreOnly))
        print(String(
            format: "activate: %d leads re-scored and stored, %d changed announced (outbox) in %.1f s (%.0f leads/s)",
            result.activation.rescored, result.activation.changed, result.activateSeconds,
            Double(result.activation.rescored) / result.activateSeconds))
    }
}
