import ArgumentParser
import Foundation
import LeadTracRuntime
import LeadTracStorage
import Logging

/// `leadtrac migrate`: applies every service's migrations ahead of a deployment.
///
/// Services also migrate themselves at start (under the same advisory lock), so this is for
/// operators who want schema changes applied, and checked, before rolling out new images.
/// It connects as the admin role and switches to each service's role (`SET ROLE`), so the
/// tables belong to the service role exactly as if the service had created them.
struct MigrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate", abstract: "Apply every service's database migrations (as each service's role).")

    @Option(name: .customLong("database-url"), help: "Admin database URL (default: $LEADTRAC_ADMIN_DATABASE_URL or local).")
    var databaseURL: String?
    @Option(help: "Only this service (repeatable; default: all six).") var service: [String] = []

    func run() throws {
        let url = try databaseURL
            ?? Environment().string(
                "LEADTRAC_ADMIN_DATABASE_URL", default: "postgresql://leadtrac_admin:leadtrac_admin@127.0.0.1:5432/leadtrac")
        var logger = Logger(label: "leadtrac.cli")
        logger.logLevel = .warning
        let connection = try PGConnection(configuration: try DatabaseConfiguration(url: url), logger: logger)
        defer { connection.close() }
        let chosen = Services.all.filter { service.isEmpty || service.contains($0.name) }
        guard !chosen.isEmpty else { throw ValidationError("unknown service; choose from \(Services.all.map(\.name))") }
        for descriptor in chosen {
            try connection.execute("SET ROLE \(quoteIdentifier("leadtrac_\(descriptor.schema)"))")
            let applied = try Migrator().migrate(
                schema: descriptor.schema, migrations: SpineSchema.migrations + descriptor.migrations, on: connection,
                logger: logger)
            try connection.execute("RESET ROLE")
            print("\(descriptor.name)\t\(descriptor.schema)\t\(applied.isEmpty ? "up to date" : "applied \(applied)")")
        }
    }
}
