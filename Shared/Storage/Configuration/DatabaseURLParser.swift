/// Parses PostgreSQL connection URLs into a ``DatabaseConfiguration``.
///
/// Hand-written rather than built on `URLComponents` so that the accepted grammar is exactly
/// the documented one and no error message can echo the URL (which holds the password).
enum DatabaseURLParser {
    static func parse(_ url: String) throws(DatabaseError) -> DatabaseConfiguration {
        var rest = Substring(url)
        var matchedScheme = false
        for scheme in ["postgresql://", "postgres://"] where rest.hasPrefix(scheme) {
            rest = rest.dropFirst(scheme.count)
            matchedScheme = true
            break
        }
        guard matchedScheme else {
            throw invalid("the URL must start with postgresql:// or postgres://")
        }

        // Authority ends at the first '/', '?' or '#'.
        let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        rest = rest[authorityEnd...]

        var user: String?
        var password: String?
        var hostPort = authority
        if let at = authority.lastIndex(of: "@") {
            let userInfo = authority[..<at]
            hostPort = authority[authority.index(after: at)...]
            if let colon = userInfo.firstIndex(of: ":") {
                user = try percentDecode(userInfo[..<colon], what: "user")
                password = try percentDecode(userInfo[userInfo.index(after: colon)...], what: "password")
            } else {
                user = try percentDecode(userInfo, what: "user")
            }
        }

        let (host, port) = try parseHostPort(hostPort)

        var database: String?
        if rest.hasPrefix("/") {
            let pathEnd = rest.firstIndex(where: { $0 == "?" || $0 == "#" }) ?? rest.endIndex
            let path = rest[rest.index(after: rest.startIndex)..<pathEnd]
            if !path.isEmpty { database = try percentDecode(path, what: "database") }
            rest = rest[pathEnd...]
        }

        var sslMode: DatabaseConfiguration.SSLMode?
        var sslRootCert: String?
        var applicationName: String?
        var connectTimeout = Duration.seconds(5)
        if rest.hasPrefix("?") {
            let queryEnd = rest.firstIndex(of: "#") ?? rest.endIndex
            let query = rest[rest.index(after: rest.startIndex)..<queryEnd]
            rest = rest[queryEnd...]
            for pair in query.split(separator: "&", omittingEmptySubsequences: true) {
                let key: Substring
                let rawValue: Substring
                if let equals = pair.firstIndex(of: "=") {
                    key = pair[..<equals]
                    rawValue = pair[pair.index(after: equals)...]
                } else {
                    key = pair
                    rawValue = ""
                }
                let value = try percentDecode(rawValue, what: "query value")
                switch key {
                case "sslmode":
                    guard let mode = DatabaseConfiguration.SSLMode(rawValue: value) else {
                        throw invalid("unknown sslmode (use disable, allow, prefer, require, verify-ca or verify-full)")
                    }
                    sslMode = mode
                case "sslrootcert":
                    sslRootCert = value
                case "application_name":
                    applicationName = value
                case "connect_timeout":
                    guard let seconds = Int(value), seconds > 0 else {
                        throw invalid("connect_timeout must be a positive number of seconds")
                    }
                    connectTimeout = .seconds(seconds)
                default:
                    throw invalid("unsupported query parameter '\(key.prefix(40))'")
                }
            }
        }
        guard rest.isEmpty || rest.hasPrefix("#") else { throw invalid("unexpected text after the URL") }

        guard let user, !user.isEmpty else { throw invalid("the URL names no user") }
        return DatabaseConfiguration(
            host: host, port: port, user: user, password: password, database: database,
            sslMode: sslMode, sslRootCert: sslRootCert, applicationName: applicationName,
            connectTimeout: connectTimeout)
    }

    private static func parseHostPort(_ text: Substring) throws(DatabaseError) -> (String, Int) {
        var host: Substring
        var portText: Substring?
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { throw invalid("unterminated IPv6 address") }
            host = text[text.index(after: text.startIndex)..<close]
            let after = text[text.index(after: close)...]
            if after.hasPrefix(":") {
                portText = after.dropFirst()
            } else if !after.isEmpty {
                throw invalid("unexpected text after the IPv6 address")
            }
        } else if let colon = text.lastIndex(of: ":") {
            host = text[..<colon]
            portText = text[text.index(after: colon)...]
        } else {
            host = text
        }
        var port = 5432
        if let portText {
            guard let value = Int(portText), (1...65535).contains(value) else {
                throw invalid("the port must be a number from 1 to 65535")
            }
            port = value
        }
        let decodedHost = try percentDecode(host, what: "host")
        if decodedHost.contains(",") { throw invalid("multiple hosts are not supported") }
        return (decodedHost.isEmpty ? "127.0.0.1" : decodedHost, port)
    }

    /// Decodes `%XX` escapes (UTF-8). `+` stays a plus sign.
    static func percentDecode(_ text: Substring, what: String) throws(DatabaseError) -> String {
        guard text.utf8.contains(UInt8(ascii: "%")) else { return String(text) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var iterator = text.utf8.makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "%") else {
                bytes.append(byte)
                continue
            }
            guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else {
                throw invalid("invalid percent-encoding in the \(what)")
            }
            bytes.append(high << 4 | low)
        }
        guard let decoded = String(validating: bytes, as: UTF8.self) else {
            throw invalid("the \(what) is not valid UTF-8 after percent-decoding")
        }
        return decoded
    }

    /// Percent-encodes everything except unreserved characters and `keep`.
    static func percentEncode(_ text: String, keep: String = "") -> String {
        let keepBytes = Set(keep.utf8)
        var output = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
                UInt8(ascii: "_"), UInt8(ascii: "~"):
                output.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                if keepBytes.contains(byte) {
                    output.unicodeScalars.append(Unicode.Scalar(byte))
                } else {
                    let hex = Array("0123456789ABCDEF".utf8)
                    output += "%"
                    output.unicodeScalars.append(Unicode.Scalar(hex[Int(byte >> 4)]))
                    output.unicodeScalars.append(Unicode.Scalar(hex[Int(byte & 0x0F)]))
                }
            }
        }
        return output
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    private static func invalid(_ detail: String) -> DatabaseError {
        DatabaseError(.invalidConfiguration, detail: "database URL: \(detail)")
    }
}
