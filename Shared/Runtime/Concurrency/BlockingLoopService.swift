import Foundation
import ServiceLifecycle

/// Runs a blocking loop on a thread of its own, as a swift-service-lifecycle `Service`.
///
/// librabbitmq and libpq calls block; on Swift's cooperative pool (one thread per core) a
/// single blocked call would stall every task of the service. So each loop that owns a
/// broker or database connection gets a dedicated thread, and the async world only starts
/// it and asks it to stop: on graceful shutdown or cancellation the loop's `StopSignal` is
/// raised, the loop finishes and commits what it holds, and `run()` returns when it has.
public struct BlockingLoopService: Service {
    public let name: String
    private let body: @Sendable (StopSignal) -> Void

    public init(name: String, body: @escaping @Sendable (StopSignal) -> Void) {
        self.name = name
        self.body = body
    }

    public func run() async throws {
        let stop = StopSignal()
        let body = self.body
        let name = self.name
        await withGracefulShutdownHandler {
            await withTaskCancellationHandler {
                await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
                    let thread = Thread {
                        body(stop)
                        done.resume()
                    }
                    thread.name = name
                    thread.start()
                }
            } onCancel: {
                stop.request()
            }
        } onGracefulShutdown: {
            stop.request()
        }
    }
}
