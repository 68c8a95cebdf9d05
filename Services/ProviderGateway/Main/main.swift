import ProviderGatewayService
import LeadTracRuntime

await ServiceRunner.run(ProviderGateway.descriptor())
