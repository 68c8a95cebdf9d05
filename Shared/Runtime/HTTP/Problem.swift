import Foundation
import HTTPTypes
import Hummingbird

/// An RFC 9457 problem document: the body of every error answer.
///
/// `type` is a stable URN per problem (`urn:leadtrac:problem:<code>`), `code` the same code
/// for programs, `title` and `detail` for people. `errors` lists per-field problems (bad
/// input). Details never contain personal data: they name fields, not values.
public struct Problem: Error, Sendable, Codable, Equatable {
    public struct FieldError: Sendable, Codable, Equatable {
        public var code: String
        public var field: String
        public var message: String

        public init(code: String, field: String, message: String) {
            self.code = code
            self.field = field
            self.message = message
        }
    }

    public var type: String
    public var title: String
    public var status: Int
    public var code: String
    public var detail: String?
    public var errors: [FieldError]?
    public var requestId: String?

    public init(status: HTTPResponse.Status, code: String, title: String, detail: String? = nil, errors: [FieldError]? = nil) {
        type = "urn:leadtrac:problem:\(code)"
        self.title = title
        self.status = status.code
        self.code = code
        self.detail = detail
        self.errors = errors
    }

    public static func unauthorized(_ code: String, detail: String) -> Problem {
        Problem(status: .unauthorized, code: code, title: "Authentication required", detail: detail)
    }

    public static func forbidden(detail: String) -> Problem {
        Problem(status: .forbidden, code: "auth.forbidden", title: "Not allowed", detail: detail)
    }

    public static func notFound(_ what: String) -> Problem {
        Problem(status: .notFound, code: "not-found", title: "Not found", detail: "no \(what) with this id")
    }

    public static func badRequest(_ code: String, detail: String, errors: [FieldError]? = nil) -> Problem {
        Problem(status: .badRequest, code: code, title: "Bad request", detail: detail, errors: errors)
    }

    public static func unprocessable(_ code: String, detail: String, errors: [FieldError]? = nil) -> Problem {
        Problem(status: .unprocessableContent, code: code, title: "Invalid content", detail: detail, errors: errors)
    }

    public static func conflict(_ code: String, detail: String) -> Problem {
        Problem(status: .conflict, code: code, title: "Conflict", detail: detail)
    }

    public static func preconditionFailed(detail: String) -> Problem {
        Problem(status: .preconditionFailed, code: "version.conflict", title: "Changed meanwhile", detail: detail)
    }

    public static func unavailable(detail: String) -> Problem {
        Problem(status: .serviceUnavailable, code: "unavailable", title: "Temporarily unavailable", detail: detail)
    }

    public static func internalError(detail: String) -> Problem {
        Problem(status: .internalServerError, code: "internal", title: "Internal error", detail: detail)
    }

    /// The answer, as `application/problem+json`.
    public func response(requestID: String?) -> Response {
        var problem = self
        problem.requestId = requestID
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let data = (try? encoder.encode(problem)) ?? Data()
        var headers: HTTPFields = [.contentType: "application/problem+json"]
        if let requestID { headers[.requestID] = requestID }
        if status == 401 { headers[.wwwAuthenticate] = "Bearer" }
        return Response(
            status: .init(code: status), headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

extension HTTPField.Name {
    public static let requestID = Self("X-Request-ID")!
}
