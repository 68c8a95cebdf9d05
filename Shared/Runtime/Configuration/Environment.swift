import Foundation

/// Reads `LEADTRAC_*` settings from the process environment.
///
/// Every setting can also come from a file: `NAME_FILE=/run/secrets/x` reads the value from
/// that file (trailing newline removed), the usual way containers receive secrets. When both
/// are set, the file wins and a warning is logged at start.
public struct Environment: Sendable {
    public var values: [String: String]

    public init(_ values: [String: String] = ProcessInfo.processInfo.environment) {
        self.values = values
    }

    /// The value of `name` (or of the file named by `name_FILE`), or nil when unset or empty.
    public func string(_ name: String) throws(ConfigurationError) -> String? {
        if let path = values[name + "_FILE"], !path.isEmpty {
            guard let contents = FileManager.default.contents(atPath: path) else {
                throw ConfigurationError(setting: name + "_FILE", problem: "cannot read the file it names")
            }
            var text = String(decoding: contents, as: UTF8.self)
            while text.last == "\n" || text.last == "\r" { text.removeLast() }
            return text
        }
        guard let value = values[name], !value.isEmpty else { return nil }
        return value
    }

    public func string(_ name: String, default value: String) throws(ConfigurationError) -> String {
        try string(name) ?? value
    }

    /// `true`/`false` (also `on`/`off`, `yes`/`no`, `1`/`0`, any case).
    public func boolean(_ name: String, default value: Bool) throws(ConfigurationError) -> Bool {
        guard let text = try string(name) else { return value }
        switch text.lowercased() {
        case "true", "on", "yes", "1": return true
        case "false", "off", "no", "0": return false
        default: throw ConfigurationError(setting: name, problem: "must be true or false")
        }
    }

    public func integer(_ name: String, default value: Int, range: ClosedRange<Int> = 0...Int.max)
        throws(ConfigurationError) -> Int
    {
        guard let text = try string(name) else { return value }
        guard let number = Int(text), range.contains(number) else {
            throw ConfigurationError(
                setting: name, problem: "must be a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return number
    }
}

/// A setting that is present but unusable; names the setting, never echoes a secret value.
public struct ConfigurationError: Error, Sendable, CustomStringConvertible {
    public let setting: String
    public let problem: String

    public init(setting: String, problem: String) {
        self.setting = setting
        self.problem = problem
    }

    public var description: String { "configuration \(setting): \(problem)" }
}
