import Foundation
import LeadTracStorage
import Logging
import Metrics

/// Publishes the queues' sizes and overdue counts as Prometheus gauges
/// (`leadtrac_workflow_queue_leads{queue}`, `leadtrac_workflow_queue_overdue{queue}`), refreshed
/// by a periodic job, so that an SLA breach shows on a dashboard and can raise an alert.
struct QueueMetrics: Sendable {
    let statistics: WorkflowStatistics

    func refresh(on db: PGConnection, logger: Logger) throws {
        for line in try statistics.queues(on: db) {
            Gauge(label: "leadtrac_workflow_queue_leads", dimensions: [("queue", line.queue)]).record(line.leads)
            Gauge(label: "leadtrac_workflow_queue_overdue", dimensions: [("queue", line.queue)]).record(line.overdue)
        }
    }
}
