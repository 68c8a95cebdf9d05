import IngestService
import LeadTracRuntime

await ServiceRunner.run(Ingest.descriptor())
