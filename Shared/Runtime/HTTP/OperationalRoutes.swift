import Foundation
import Hummingbird
import Prometheus

/// `GET /health/live`, `GET /health/ready` and `GET /metrics`, which every service serves.
///
/// Live answers 200 while the process runs. Ready answers 200 only when every component
/// (consumers, relay) reaches its broker and database, else 503 with which one does not:
/// an orchestrator then stops sending traffic without restarting the process.
public enum OperationalRoutes {
    public static func add<Context: RequestContext>(to router: Router<Context>, readiness: Readiness, registry: PrometheusCollectorRegistry) {
        router.get("/health/live") { _, _ in
            json(.ok, ["status": "live"])
        }
        router.get("/health/ready") { _, _ in
            let components = readiness.snapshot
            let ready = readiness.isReady
            let body: [String: Any] = [
                "status": ready ? "ready" : "not ready",
                "components": components.mapValues { $0 ? "up" : "down" },
            ]
            return json(ready ? .ok : .serviceUnavailable, body)
        }
        router.get("/metrics") { _, _ in
            var buffer = [UInt8]()
            registry.emit(into: &buffer)
            return Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(bytes: buffer)))
        }
    }

    static func json(_ status: HTTPResponse.Status, _ object: [String: Any]) -> Response {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
        return Response(
            status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
