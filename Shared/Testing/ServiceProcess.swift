import Foundation

/// One of the package's executables (a service, or `spine-probe`) as a child process, for
/// tests that kill -9 it, send it SIGTERM or talk to its HTTP port.
public final class ServiceProcess {
    private let process = Process()
    public let logFile: URL

    /// Starts `executable` from the build folder with the test servers' URLs plus `environment`.
    public init(_ executable: String, arguments: [String] = [], environment extra: [String: String] = [:]) throws {
        let path = Self.buildFolder.appendingPathComponent(executable)
        guard FileManager.default.isExecutableFile(atPath: path.path) else {
            throw ServiceProcessError(message: "\(executable) not found at \(path.path); build it first")
        }
        process.executableURL = path
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["LEADTRAC_AMQP_URL"] = TestServers.amqpURL
        environment["LEADTRAC_DATABASE_URL"] = TestServers.databaseURL
        environment["LEADTRAC_HTTP_PORT"] = "0"
        environment["LEADTRAC_LOG_LEVEL"] = "warning"
        environment["LEADTRAC_OUTBOX_POLL_MS"] = "200"
        process.environment = environment.merging(extra) { $1 }
        logFile = FileManager.default.temporaryDirectory.appendingPathComponent("\(executable)-\(UUID().uuidString.prefix(8)).log")
        FileManager.default.createFile(atPath: logFile.path, contents: nil)
        let log = try FileHandle(forWritingTo: logFile)
        process.standardOutput = log
        process.standardError = log
        try process.run()
    }

    /// The spine probe consuming `queue` into `schema` with `instances` competing loops.
    public static func probe(schema: String, queue: String, batchSize: Int = 50, instances: Int = 1) throws -> ServiceProcess {
        try ServiceProcess(
            "spine-probe",
            environment: [
                "LEADTRAC_PROBE_SCHEMA": schema, "LEADTRAC_PROBE_QUEUE": queue, "LEADTRAC_BATCH_SIZE": "\(batchSize)",
                "LEADTRAC_PROBE_INSTANCES": "\(instances)",
            ])
    }

    public var pid: Int32 { process.processIdentifier }

    public func kill9() {
        kill(process.processIdentifier, SIGKILL)
        _ = waitForExit(timeout: .seconds(10))
    }

    public func terminate() { kill(process.processIdentifier, SIGTERM) }

    /// Waits for the process to end; its exit status, or nil if it still runs after `timeout`.
    public func waitForExit(timeout: Duration) -> Int32? {
        let deadline = ContinuousClock.now + timeout
        while process.isRunning, ContinuousClock.now < deadline { Thread.sleep(forTimeInterval: 0.05) }
        return process.isRunning ? nil : process.terminationStatus
    }

    public var log: String { (try? String(contentsOf: logFile, encoding: .utf8)) ?? "" }

    /// The folder holding the test bundle, where SwiftPM also puts the executables.
    static var buildFolder: URL {
        let bundleFolder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        if FileManager.default.fileExists(atPath: bundleFolder.appendingPathComponent("spine-probe").path) {
            return bundleFolder
        }
        return TestServers.repositoryRoot.appendingPathComponent(".build/debug")
    }
}

public struct ServiceProcessError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}
