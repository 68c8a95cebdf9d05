import MatcherService
import LeadTracRuntime

await ServiceRunner.run(Matcher.descriptor())
