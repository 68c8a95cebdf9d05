import Foundation
import LeadTracRuntime
import MatcherService

let configuration: MatcherConfiguration
do {
    configuration = try MatcherConfiguration(environment: Environment())
} catch {
    FileHandle.standardError.write(Data("matcher: \(error)\n".utf8))
    exit(78)  // EX_CONFIG
}
FileHandle.standardError.write(
    Data("matcher: \(configuration.description.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " "))\n".utf8))
await ServiceRunner.run(Matcher.descriptor(configuration: configuration))
