import AuditService
import IngestService
import LeadTracRuntime
import MatcherService
import PrioritizerService
import ProviderGatewayService
import WorkflowService

/// The six services, for commands that act on all of them.
public enum Services {
    public static var all: [ServiceDescriptor] {
        [
            Ingest.descriptor(), Matcher.descriptor(), Prioritizer.descriptor(), Workflow.descriptor(),
            ProviderGateway.descriptor(), Audit.descriptor(),
        ]
    }
}
