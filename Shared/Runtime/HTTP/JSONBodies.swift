import Foundation
import HTTPTypes
import Hummingbird
import LeadTracContracts

extension Response {
    /// `value` as JSON (contract coding: sorted keys, ISO 8601 dates with milliseconds).
    public static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) throws
        -> Response
    {
        let data = try ContractCoding.encoder().encode(value)
        var fields = headers
        fields[.contentType] = "application/json"
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

extension Request {
    /// The body decoded as `T`, or a 400 problem naming what is wrong with it.
    public func decodeJSON<T: Decodable>(_ type: T.Type, context: APIRequestContext, limit: Int = 1 << 20) async throws -> T {
        let buffer: ByteBuffer
        do {
            buffer = try await body.collect(upTo: limit)
        } catch {
            throw Problem(status: .contentTooLarge, code: "body.too-large", title: "Body too large", detail: "at most \(limit) bytes")
        }
        do {
            return try ContractCoding.decoder().decode(T.self, from: Data(buffer.readableBytesView))
        } catch let DecodingError.keyNotFound(key, path) {
            throw Problem.badRequest("body.missing-field", detail: "missing field", errors: [
                .init(code: "missing", field: (path.codingPath + [key]).map(\.stringValue).joined(separator: "."), message: "required")
            ])
        } catch let DecodingError.typeMismatch(_, path), let DecodingError.valueNotFound(_, path) {
            throw Problem.badRequest("body.wrong-type", detail: "a field has the wrong type", errors: [
                .init(code: "type", field: path.codingPath.map(\.stringValue).joined(separator: "."), message: "wrong type")
            ])
        } catch {
            throw Problem.badRequest("body.invalid-json", detail: "the body is not the expected JSON document")
        }
    }
}

extension APIRequestContext {
    /// A path parameter, or a 400 problem when absent.
    public func parameter(_ name: String) throws -> String {
        guard let value = parameters.get(name) else { throw Problem.badRequest("path.missing", detail: "missing \(name)") }
        return value
    }
}
