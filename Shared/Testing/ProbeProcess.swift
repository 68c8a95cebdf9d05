import Foundation

/// The `spine-probe` executable as a child process, for kill -9 and SIGTERM tests.
public final class ProbeProcess {
    private let process = Process()
    public let logFile: URL

    public init(schema: String, queue: String, batchSize: Int = 50) throws {
        let executable = Self.executable
        guard FileManager.default.isExecutableFile(atPath: executable.path) else {
            throw ProbeProcessError(message: "spine-probe not found at \(executable.path); build it first")
        }
        process.executableURL = executable
        var environment = ProcessInfo.processInfo.environment
        environment["LEADTRAC_AMQP_URL"] = TestServers.amqpURL
        environment["LEADTRAC_DATABASE_URL"] = TestServers.databaseURL
        environment["LEADTRAC_HTTP_PORT"] = "0"
        environment["LEADTRAC_LOG_LEVEL"] = "warning"
        environment["LEADTRAC_BATCH_SIZE"] = "\(batchSize)"
        environment["LEADTRAC_OUTBOX_POLL_MS"] = "200"
        environment["LEADTRAC_PROBE_SCHEMA"] = schema
        environment["LEADTRAC_PROBE_QUEUE"] = queue
        process.environment = environment
        logFile = FileManager.default.temporaryDirectory.appendingPathComponent("spine-probe-\(schema).log")
        FileManager.default.createFile(atPath: logFile.path, contents: nil)
        let log = try FileHandle(forWritingTo: logFile)
        log.seekToEndOfFile()
        process.standardOutput = log
        process.standardError = log
        try process.run()
    }

    public var pid: Int32 { process.processIdentifier }

    public func kill9() {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    public func terminate() { kill(process.processIdentifier, SIGTERM) }

    /// Waits for the process to end; nil if it is still running after `timeout`.
    public func waitForExit(timeout: Duration) -> Int32? {
        let deadline = ContinuousClock.now + timeout
        while process.isRunning, ContinuousClock.now < deadline { Thread.sleep(forTimeInterval: 0.05) }
        return process.isRunning ? nil : process.terminationStatus
    }

    /// Next to the test bundle in the build folder.
    static var executable: URL {
        let bundleDirectory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let candidate = bundleDirectory.appendingPathComponent("spine-probe")
        if FileManager.default.fileExists(atPath: candidate.path) { return candidate }
        return TestServers.repositoryRoot.appendingPathComponent(".build/debug/spine-probe")
    }
}

public struct ProbeProcessError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}
