import WorkflowService
import LeadTracRuntime

await ServiceRunner.run(Workflow.descriptor())
