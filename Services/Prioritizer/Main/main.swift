import PrioritizerService
import LeadTracRuntime

await ServiceRunner.run(Prioritizer.descriptor())
