import Foundation
import Hummingbird
import Logging

/// The request context of every LeadTrac HTTP route: Hummingbird's core storage plus who is
/// calling (set by `APIRoutes` once the token is verified) and the request id.
public struct APIRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The verified caller; nil only on the unauthenticated operational routes.
    public var principal: Principal?
    /// The role the caller acts in on this route (one of the route's roles).
    public var role: Role?
    /// `X-Request-ID` when the client sent one, else a fresh id; echoed in the response.
    public var requestID: String
    /// Set when the route recorded its audit event; a personal-data route that did not is refused.
    public let auditReceipt = AuditReceipt()

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        principal = nil
        role = nil
        requestID = UUID().uuidString.lowercased()
    }

    /// Upload limit for batch files (64 MiB); other bodies are small JSON.
    public var maxUploadSize: Int { 64 * 1024 * 1024 }
}
