import AuditService
import LeadTracRuntime

await ServiceRunner.run(Audit.descriptor())
