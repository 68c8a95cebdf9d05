import ArgumentParser
import Foundation
import LeadTracRuntime
import LeadTracStorage
import Logging
import PrioritizerCore
import PrioritizerService

/// `leadtrac rules validate|diff|activate FILE`: the prioritizer's rule sets.
struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules", abstract: "Validate, compare and activate prioritisation rule sets.",
        subcommands: [Validate.self, Diff.self, Activate.self])

    /// Reads and parses a rule file; on problems prints each (`file:line:column: rule 'x': message
    /// [code]`) on standard error and exits 65 (EX_DATAERR).
    static func load(_ path: String) throws -> (RuleSet, String) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ValidationError("cannot read \(path)")
        }
        let yaml = String(decoding: data, as: UTF8.self)
        do {
            return (try RuleSetActivation.validate(yaml: yaml, file: path), yaml)
        } catch {
            for problem in error.problems { FileHandle.standardError.write(Data((problem.description + "\n").utf8)) }
            FileHandle.standardError.write(Data("\(path): \(error.problems.count) problem(s); rule set refused\n".utf8))
            throw ExitCode(65)
        }
    }

    struct DatabaseOptions: ParsableArguments {
        @Option(name: .customLong("database-url"), help: "Admin database URL (default: $LEADTRAC_ADMIN_DATABASE_URL or local).")
        var databaseURL: String?
        @Option(help: "The prioritizer's schema.") var schema = Prioritizer.schema

        func connect() throws -> PGConnection {
            let url = try databaseURL
                ?? Environment().string(
                    "LEADTRAC_ADMIN_DATABASE_URL", default: "postgresql://leadtrac_admin:leadtrac_admin@127.0.0.1:5432/leadtrac")
            var logger = Logger(label: "leadtrac.cli")
            logger.logLevel = .warning
            return try PGConnection(configuration: try DatabaseConfiguration(url: url), logger: logger)
        }
    }

    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check a rule file: exit 0, or every problem with file:line, rule, code and message, exit 65.")
        @Argument(help: "The rule file (YAML).") var file: String

        func run() throws {
            let (rules, _) = try RulesCommand.load(file)
            print("\(file): valid, version \(rules.version) (\(rules.rules.count) rules, tiers \(rules.tiers.map(\.name).joined(separator: ", ")))")
        }
    }

    struct Diff: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "What-if: score every open lead with the active rule set and with FILE; print what changes.")
        @Argument(help: "The candidate rule file (YAML).") var file: String
        @Option(help: "Examples shown per from → to change.") var examples = 3
        @Flag(help: "Print the report as JSON.") var json = false
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let (rules, _) = try RulesCommand.load(file)
            let db = try database.connect()
            defer { db.close() }
            let start = ContinuousClock.now
            let report = try RuleSetActivation(schema: database.schema).diff(rules, exampleLimit: examples, on: db)
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
                print(String(decoding: try encoder.encode(report), as: UTF8.self))
                return
            }
            print("active \(report.oldVersion) → candidate \(report.newVersion): \(report.total) open leads in \(ContinuousClock.now - start)")
            print("  priority changes: \(report.changedTier); points only: \(report.changedScoreOnly); unchanged: \(report.unchanged)")
            for transition in report.transitions {
                print("  \(transition.from) → \(transition.to): \(transition.count)")
            }
            for example in report.examples {
                print("\nlead \(example.id): \(example.old.priority) → \(example.new.priority)")
                print("  before: " + example.old.explanation.replacingOccurrences(of: "\n", with: "\n  "))
                print("  after:  " + example.new.explanation.replacingOccurrences(of: "\n", with: "\n  "))
            }
        }
    }

    struct Activate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make FILE the active rule set: re-score all open leads, announce the changed ones, audit it.")
        @Argument(help: "The rule file (YAML).") var file: String
        @Option(help: "Who activates (the supervisor's account id; recorded and audited).") var by: String
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let (rules, yaml) = try RulesCommand.load(file)
            let db = try database.connect()
            defer { db.close() }
            let start = ContinuousClock.now
            let report = try RuleSetActivation(schema: database.schema).activate(
                rules, yaml: yaml, file: URL(fileURLWithPath: file).lastPathComponent, by: by, on: db
            ) { done in
                if done % 100_000 == 0 { FileHandle.standardError.write(Data("re-scored \(done) leads…\n".utf8)) }
            }
            if report.alreadyActive {
                print("\(report.version) is already active; nothing re-scored")
                return
            }
            print("activated \(report.version) (was \(report.previousVersion)) in \(ContinuousClock.now - start)")
            print("  re-scored \(report.rescored) open leads; \(report.changed) changed and announced")
            for (transition, count) in report.transitions.sorted(by: { $0.key < $1.key }) {
                print("  \(transition): \(count)")
            }
        }
    }
}
