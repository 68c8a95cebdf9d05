import Synchronization

/// What each long-lived part of a service reports about its dependencies, for `/health/ready`.
///
/// A service is ready when every registered component says it can reach what it needs
/// (e.g. the consumer: broker and database). Components register as not ready and flip
/// to ready once connected.
public final class Readiness: Sendable {
    private let components = Mutex<[String: Bool]>([:])

    public init() {}

    public func set(_ component: String, ready: Bool) {
        components.withLock { $0[component] = ready }
    }

    public var snapshot: [String: Bool] { components.withLock { $0 } }

    public var isReady: Bool { components.withLock { !$0.isEmpty && $0.values.allSatisfy { $0 } } }
}
