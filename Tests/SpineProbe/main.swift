import Foundation
import LeadTracRuntime
import LeadTracTesting

/// The spine probe as its own process, so tests can kill -9 it or send it SIGTERM.
/// `LEADTRAC_PROBE_SCHEMA` and `LEADTRAC_PROBE_QUEUE` say what it works on,
/// `LEADTRAC_PROBE_INSTANCES` (1) how many competing loops consume it; the usual
/// `LEADTRAC_*` variables configure the spine.
let environment = ProcessInfo.processInfo.environment
guard let schema = environment["LEADTRAC_PROBE_SCHEMA"], let queue = environment["LEADTRAC_PROBE_QUEUE"] else {
    FileHandle.standardError.write(Data("spine-probe: set LEADTRAC_PROBE_SCHEMA and LEADTRAC_PROBE_QUEUE\n".utf8))
    exit(64)
}
let instances = environment["LEADTRAC_PROBE_INSTANCES"].flatMap { Int($0) } ?? 1
await ServiceRunner.run(Probe.descriptor(schema: schema, queue: queue, instances: max(1, instances)))
