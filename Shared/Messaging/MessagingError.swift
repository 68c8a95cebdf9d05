/// An error from the broker or the AMQP client library.
///
/// Messages never contain message bodies or header values: only what failed and the
/// library's or broker's own reason text.
public struct MessagingError: Error, Sendable, CustomStringConvertible, Hashable {
    private enum Code: Hashable, Sendable {
        case invalidConfiguration, connectionFailed, channelClosed, operationFailed, publishNacked,
            consumerCancelled, timedOut
    }
    private let code: Code
    /// What was being done, and the library's or broker's reason.
    public let message: String
    /// The AMQP reply code when the broker closed the channel or connection (e.g. 404, 406, 320).
    public let replyCode: Int?

    private init(_ code: Code, _ message: String, replyCode: Int? = nil) {
        self.code = code
        self.message = message
        self.replyCode = replyCode
    }

    public static func invalidConfiguration(_ message: String) -> Self { .init(.invalidConfiguration, message) }
    public static func connectionFailed(_ message: String, replyCode: Int? = nil) -> Self {
        .init(.connectionFailed, message, replyCode: replyCode)
    }
    public static func channelClosed(_ message: String, replyCode: Int?) -> Self {
        .init(.channelClosed, message, replyCode: replyCode)
    }
    public static func operationFailed(_ message: String) -> Self { .init(.operationFailed, message) }
    public static func publishNacked(_ message: String) -> Self { .init(.publishNacked, message) }
    public static func consumerCancelled(_ message: String) -> Self { .init(.consumerCancelled, message) }
    public static func timedOut(_ message: String) -> Self { .init(.timedOut, message) }

    /// Errors after which the connection is unusable and must be rebuilt.
    public var requiresReconnect: Bool { code != .invalidConfiguration && code != .publishNacked }

    public var description: String {
        let kind: String
        switch code {
        case .invalidConfiguration: kind = "invalid broker configuration"
        case .connectionFailed: kind = "broker connection failed"
        case .channelClosed: kind = "broker closed the channel"
        case .operationFailed: kind = "broker operation failed"
        case .publishNacked: kind = "broker refused a publish"
        case .consumerCancelled: kind = "broker cancelled the consumer"
        case .timedOut: kind = "broker operation timed out"
        }
        return replyCode.map { "\(kind) (\($0)): \(message)" } ?? "\(kind): \(message)"
    }
}
