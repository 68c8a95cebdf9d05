import Foundation
import HTTPTypes
import Hummingbird
import LeadTracContracts
import LeadTracMessaging
import LeadTracStorage

/// One HTTP route of a service's API, declared with the roles it admits.
///
/// Each service lists its routes in one table (its `routes` builder); `APIRoutes` registers
/// them behind authentication and authorisation, so no route can be added without saying who
/// may call it, and the access-control test enumerates every route from the same table.
public struct Route: Sendable {
    /// Whether the route shows personal data, and so must write its audit event before answering.
    public enum PersonalData: Sendable, Equatable {
        /// Statistics, health, configuration: no personal data.
        case none
        /// Shows one or more records (`*.view` events).
        case view
        /// Searches (`*.search` events with the terms and the result count).
        case search
    }

    public var method: HTTPRequest.Method
    /// Hummingbird path syntax: `/subjects/:id`.
    public var path: String
    public var roles: Set<Role>
    public var personalData: PersonalData
    public var summary: String
    public var handler: @Sendable (Request, APIRequestContext) async throws -> Response

    public init(
        _ method: HTTPRequest.Method, _ path: String, roles: Set<Role>, personalData: PersonalData = .none,
        summary: String, handler: @escaping @Sendable (Request, APIRequestContext) async throws -> Response
    ) {
        precondition(!roles.isEmpty, "a route must admit at least one role")
        self.method = method
        self.path = path
        self.roles = roles
        self.personalData = personalData
        self.summary = summary
        self.handler = handler
    }
}

/// What a service's route handlers work with.
public struct APIEnvironment: Sendable {
    public let service: String
    public let schema: String
    /// Blocking database work, off the cooperative pool.
    public let database: DatabaseWorkers
    public let audit: AuditTrail
    public let outbox: Outbox

    public init(service: String, schema: String, database: DatabaseWorkers) {
        self.service = service
        self.schema = schema
        self.database = database
        audit = AuditTrail(service: service, schema: schema)
        outbox = Outbox(schema: schema)
    }

    /// Adds an event to the outbox in the caller's transaction (the relay publishes it).
    public func emit(
        type: String, data: some Encodable, exchange: String = Exchange.events, subject: String? = nil,
        id: String = EventID.random(), correlationID: String? = nil, on connection: PGConnection
    ) throws {
        try emit(
            type: type, bytes: Array(try ContractCoding.encoder().encode(data)), exchange: exchange, subject: subject, id: id,
            correlationID: correlationID, on: connection)
    }

    /// Adds an already encoded event to the outbox in the caller's transaction.
    public func emit(
        type: String, bytes: [UInt8], exchange: String = Exchange.events, subject: String? = nil,
        id: String = EventID.random(), correlationID: String? = nil, on connection: PGConnection
    ) throws {
        let event = CloudEvent(
            id: id, source: "leadtrac/\(service)", type: type, subject: subject, correlationID: correlationID, data: bytes)
        try outbox.enqueue([event.message(exchange: exchange, routingKey: type, appID: service)], on: connection)
    }
}
