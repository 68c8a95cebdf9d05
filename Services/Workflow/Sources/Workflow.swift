import Foundation
import LeadTracContracts
import LeadTracMessaging
import LeadTracRuntime
import WorkflowCore

/// The workflow service: queues, workup, secondary review, dispositions, referrals and the
/// feedback loops (docs/architecture.md, "Workflow"; docs/workflow-state-machine.md).
///
/// Consumes `workflow.leads` (lead.matched, lead.prioritized, subject.merged/split on
/// `leadtrac.events`) into its read model, and `workflow.case-management` (case.closed on
/// `leadtrac.inbound`). Serves analysts, reviewers and supervisors; emits
/// `lead.state-changed.v1`, `referral.created.v1`, `adis.stop-updates.v1` and the weekly
/// `ero.weekly-extract.v1`.
public enum Workflow {
    public static let name = "workflow"
    public static let schema = "workflow"

    /// Queues this service consumes.
    public static let queues: [QueueSpec] = [
        QueueSpec(
            name: "workflow.leads",
            bindings: [
                "lead.matched.*", "lead.prioritized.*", "subject.merged.*", "subject.split.*", "arrival-departure.received.*",
                "enrichment.completed.*",
            ].map {
                .init(exchange: Exchange.events, routingKey: $0)
            }),
        QueueSpec(name: "workflow.case-management", bindings: [.init(exchange: Exchange.inbound, routingKey: "case.closed.*")]),
    ]

    public static func descriptor() -> ServiceDescriptor {
        descriptor(schema: schema, leadsQueue: queues[0], caseQueue: queues[1])
    }

    /// The service on another schema and queues (tests run it in a fresh schema).
    public static func descriptor(
        schema: String, leadsQueue: QueueSpec, caseQueue: QueueSpec, environment: Environment = Environment()
    ) -> ServiceDescriptor {
        let settings = settings(environment)
        let records = LeadRecords(schema: schema)
        let executor = CommandExecutor(records: records, jurisdictions: settings.jurisdictions)
        let extract = WeeklyExtractJob(schema: schema, directory: settings.extractDirectory, service: name)
        let queueMetrics = QueueMetrics(statistics: WorkflowStatistics(schema: schema))
        return ServiceDescriptor(
            name: name, schema: schema, defaultHTTPPort: 8084, migrations: WorkflowSchema.migrations,
            topology: Topology(queues: [leadsQueue, caseQueue]),
            consumers: [
                .init(queue: leadsQueue, handler: LeadEventsHandler(records: records, executor: executor)),
                .init(queue: caseQueue, handler: CaseClosedHandler(executor: executor)),
            ],
            jobs: [
                PeriodicJob(name: "weekly-extract", intervalSetting: "LEADTRAC_EXTRACT_CHECK_SECONDS", defaultInterval: 3_600) {
                    db, logger in try extract.run(on: db, logger: logger)
                },
                PeriodicJob(name: "queue-metrics", intervalSetting: "LEADTRAC_QUEUE_METRICS_SECONDS", defaultInterval: 30) {
                    db, logger in try queueMetrics.refresh(on: db, logger: logger)
                },
            ],
            routes: { api in WorkflowRoutes.routes(api, jurisdictions: settings.jurisdictions) })
    }

    struct Settings {
        /// `LEADTRAC_JURISDICTION_FILE`: state/ZIP → field office (YAML); the synthetic table when unset.
        var jurisdictions: JurisdictionTable
        /// `LEADTRAC_EXTRACT_DIR`: where the weekly extract's CSV files go.
        var extractDirectory: String
    }

    static func settings(_ environment: Environment) -> Settings {
        do {
            var jurisdictions = JurisdictionTable.synthetic
            if let path = try environment.string("LEADTRAC_JURISDICTION_FILE") {
                guard let data = FileManager.default.contents(atPath: path) else {
                    throw ConfigurationError(setting: "LEADTRAC_JURISDICTION_FILE", problem: "cannot read \(path)")
                }
                jurisdictions = try JurisdictionTable(yaml: String(decoding: data, as: UTF8.self))
            }
            return Settings(
                jurisdictions: jurisdictions,
                extractDirectory: try environment.string("LEADTRAC_EXTRACT_DIR", default: "extracts"))
        } catch {
            FileHandle.standardError.write(Data("workflow: configuration: \(error)\n".utf8))
            exit(78)
        }
    }
}
