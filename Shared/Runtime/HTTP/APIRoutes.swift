import Foundation
import HTTPTypes
import Hummingbird
import LeadTracContracts
import LeadTracMessaging
import LeadTracStorage
import Logging
import Synchronization

/// Registers a service's route table behind authentication, authorisation and audit.
///
/// For every request to a declared route:
/// 1. the bearer token is verified (`TokenVerifier`): missing or invalid → 401;
/// 2. the account registry is consulted (`AccountDirectory`): archived → 403; a known account
///    narrows the token's roles to the ones it grants; the first use of a token in this
///    process is audited as `auth.logon`;
/// 3. the caller must hold one of the route's roles, else 403, audited as `auth.denied`
///    (written before the answer);
/// 4. the handler runs; a personal-data route that answers 2xx without having recorded its
///    audit event is turned into a 500, so the omission cannot go unnoticed.
/// A problem thrown by a handler becomes its RFC 9457 answer; a database outage becomes 503.
public final class APIRoutes: Sendable {
    public let environment: APIEnvironment
    public let verifier: TokenVerifier
    private let directory: AccountDirectory
    private let seenTokens = Mutex<Set<String>>([])
    private let logger: Logger

    public init(environment: APIEnvironment, verifier: TokenVerifier, logger: Logger) {
        self.environment = environment
        self.verifier = verifier
        directory = AccountDirectory(schema: environment.schema)
        self.logger = logger
    }

    public func register(_ routes: [Route], on router: Router<APIRequestContext>) {
        for route in routes {
            router.on(RouterPath(route.path), method: route.method) { request, context in
                await self.handle(request, context: context, route: route)
            }
        }
    }

    func handle(_ request: Request, context: APIRequestContext, route: Route) async -> Response {
        var context = context
        if let id = request.headers[.requestID], !id.isEmpty, id.count <= 128 { context.requestID = id }
        let requestID = context.requestID
        do {
            let principal = try await authenticate(request)
            let narrowed = try await checkAccount(principal, requestID: requestID)
            guard let role = narrowed.actingRole(among: route.roles) else {
                try await recordDenial(of: narrowed, route: route, requestID: requestID)
                throw Problem.forbidden(detail: "this route admits the roles \(route.roles.sorted().map(\.rawValue).joined(separator: ", "))")
            }
            context.principal = narrowed
            context.role = role
            var response = try await route.handler(request, context)
            if route.personalData != .none, (200..<300).contains(response.status.code), !context.auditReceipt.isRecorded {
                logger.error("personal-data route answered without an audit event", metadata: ["http.route": "\(route.path)"])
                return Problem.internalError(detail: "the request could not be audited").response(requestID: requestID)
            }
            response.headers[.requestID] = requestID
            return response
        } catch let problem as Problem {
            return problem.response(requestID: requestID)
        } catch let error as DatabaseError where error.connectionLost || error.code == .connectionFailed {
            return Problem.unavailable(detail: "the database is unreachable; retry shortly").response(requestID: requestID)
        } catch let error as HTTPError {
            return Problem(status: error.status, code: "http.\(error.status.code)", title: error.status.reasonPhrase, detail: error.body)
                .response(requestID: requestID)
        } catch {
            logger.error("request failed", metadata: ["http.route": "\(route.path)", "error": "\(error)"])
            return Problem.internalError(detail: "the request failed").response(requestID: requestID)
        }
    }

    private func authenticate(_ request: Request) async throws -> Principal {
        guard let header = request.headers[.authorization], header.lowercased().hasPrefix("bearer ") else {
            throw Problem.unauthorized("auth.missing-token", detail: "send Authorization: Bearer <token>")
        }
        let token = String(header.dropFirst("bearer ".count)).trimmingCharacters(in: .whitespaces)
        do {
            return try await verifier.verify(token)
        } catch {
            throw Problem.unauthorized(error.code.rawValue, detail: "the token was refused (\(error.code.rawValue))")
        }
    }

    /// Applies the registry's word and audits the first use of the token, in one round trip.
    private func checkAccount(_ principal: Principal, requestID: String) async throws -> Principal {
        let firstUse = seenTokens.withLock { $0.insert(principal.tokenID).inserted }
        let logon = firstUse ? event(principal, role: principal.roles.min()!, action: "auth.logon", outcome: .allowed,
                                     requestID: requestID, id: EventID.derive(from: principal.tokenID, type: "auth.logon", discriminator: environment.service)) : nil
        let directory = directory
        let audit = environment.audit
        let standing = try await environment.database.transaction { connection in
            let standing = try directory.standing(of: principal.user, on: connection)
            if let logon, standing != .archived { try audit.record(logon, on: connection) }
            return standing
        }
        switch standing {
        case .unknown:
            return principal
        case .active(let roles):
            var narrowed = principal
            narrowed.roles = principal.roles.intersection(roles)
            return narrowed
        case .archived:
            let denial = event(
                principal, role: principal.roles.min()!, action: "auth.denied", outcome: .denied, requestID: requestID,
                details: ["reason": "account archived"])
            try await environment.database.transaction { connection in try audit.record(denial, on: connection) }
            throw Problem(status: .forbidden, code: "auth.account-archived", title: "Not allowed", detail: "this account is archived")
        }
    }

    private func recordDenial(of principal: Principal, route: Route, requestID: String) async throws {
        let denial = event(
            principal, role: principal.roles.min() ?? .service, action: "auth.denied", outcome: .denied, requestID: requestID,
            details: ["route": .string("\(route.method.rawValue) \(route.path)"),
                      "heldRoles": .array(principal.roles.sorted().map { .string($0.rawValue) })])
        let audit = environment.audit
        try await environment.database.transaction { connection in try audit.record(denial, on: connection) }
    }

    private func event(
        _ principal: Principal, role: Role, action: String, outcome: AuditEvent.Outcome, requestID: String,
        details: [String: AuditValue] = [:], id: String = EventID.random()
    ) -> AuditEvent {
        AuditEvent(
            id: id, time: Date(), actor: principal.user, role: role.rawValue, service: environment.service,
            action: action, outcome: outcome, requestID: requestID, details: details)
    }
}

extension APIRequestContext {
    /// An audit event for this request's caller, with the fields every event carries filled in.
    public func auditEvent(
        _ environment: APIEnvironment, action: String, objectType: String? = nil, objectID: String? = nil,
        subjectIDs: [String] = [], leadIDs: [String] = [], details: [String: AuditValue] = [:],
        outcome: AuditEvent.Outcome = .allowed
    ) -> AuditEvent {
        AuditEvent(
            id: EventID.random(), time: Date(), actor: principal?.user ?? "anonymous", role: role?.rawValue ?? "none",
            service: environment.service, action: action, objectType: objectType, objectID: objectID, outcome: outcome,
            requestID: requestID, subjectIDs: subjectIDs, leadIDs: leadIDs, details: details)
    }
}
