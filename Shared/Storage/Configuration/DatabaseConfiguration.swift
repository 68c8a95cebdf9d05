/// Where and how to connect to PostgreSQL.
///
/// Usually built from a URL such as `LEADTRAC_DATABASE_URL`:
///
/// ```swift
/// let config = try DatabaseConfiguration(
///     url: "postgresql://leadtrac_ingest:s%40cret@db:5432/leadtrac?sslmode=verify-full&sslrootcert=/etc/ca.pem")
/// logger.info("database", metadata: ["db.url": "\(config.redactedURL)"])
/// ```
///
/// The connection is opened with `PQconnectdbParams` from these parsed parts (never from a
/// concatenated conninfo string), so no character in a password can change the meaning of
/// another setting. ``description`` masks the password, so printing a configuration is safe.
public struct DatabaseConfiguration: Sendable, CustomStringConvertible {
    /// TLS policy, as libpq's `sslmode`.
    public enum SSLMode: String, Sendable, CaseIterable {
        case disable, allow, prefer, require
        case verifyCA = "verify-ca"
        case verifyFull = "verify-full"
    }

    /// Host name, IP address, or a directory for a Unix-domain socket (starts with `/`).
    public var host: String
    /// TCP port.
    public var port: Int
    /// Login role.
    public var user: String
    /// Password, if any (percent-decoded).
    public var password: String?
    /// Database name (defaults to the user name, as libpq does).
    public var database: String
    /// TLS policy; nil leaves libpq's default (`prefer`).
    public var sslMode: SSLMode?
    /// Path of the CA certificate(s) used to verify the server (`sslrootcert`).
    public var sslRootCert: String?
    /// Shown in `pg_stat_activity.application_name`; services set their own name.
    public var applicationName: String?
    /// How long to wait for a connection before failing (libpq `connect_timeout`, whole
    /// seconds, at least 2 as libpq requires).
    public var connectTimeout: Duration

    /// Creates a configuration from its parts.
    public init(
        host: String = "127.0.0.1", port: Int = 5432, user: String, password: String? = nil,
        database: String? = nil, sslMode: SSLMode? = nil, sslRootCert: String? = nil,
        applicationName: String? = nil, connectTimeout: Duration = .seconds(5)
    ) {
        self.host = host
        self.port = port
        self.user = user
        self.password = password
        self.database = database ?? user
        self.sslMode = sslMode
        self.sslRootCert = sslRootCert
        self.applicationName = applicationName
        self.connectTimeout = connectTimeout
    }

    /// Parses `postgresql://user:password@host:port/database?sslmode=…&sslrootcert=…&application_name=…`
    /// (the scheme `postgres://` is accepted too).
    ///
    /// User, password, database and query values are percent-decoded, so a password with
    /// `@`, `/`, `:`, `?` or `#` must be written percent-encoded (`%40` for `@`). Host defaults
    /// to 127.0.0.1, port to 5432, database to the user name. IPv6 hosts go in brackets.
    /// Recognised query keys: `sslmode`, `sslrootcert`, `application_name`, `connect_timeout`
    /// (seconds); any other key is rejected so that a typo does not silently weaken TLS.
    ///
    /// - Throws: `DatabaseError` with code `.invalidConfiguration`; the error never contains
    ///   the URL or the password.
    public init(url: String) throws(DatabaseError) {
        self = try DatabaseURLParser.parse(url)
    }

    /// The URL with the password replaced by `***`, for logs and start-up banners.
    public var redactedURL: String {
        var url = "postgresql://" + DatabaseURLParser.percentEncode(user)
        if password != nil { url += ":***" }
        let hostPart = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        url += "@" + DatabaseURLParser.percentEncode(hostPart, keep: "[]:") + ":\(port)"
        url += "/" + DatabaseURLParser.percentEncode(database)
        var query: [String] = []
        if let sslMode { query.append("sslmode=\(sslMode.rawValue)") }
        if let sslRootCert { query.append("sslrootcert=\(DatabaseURLParser.percentEncode(sslRootCert, keep: "/"))") }
        if let applicationName {
            query.append("application_name=\(DatabaseURLParser.percentEncode(applicationName))")
        }
        if connectTimeout != .seconds(5) { query.append("connect_timeout=\(connectTimeoutSeconds)") }
        if !query.isEmpty { url += "?" + query.joined(separator: "&") }
        return url
    }

    /// Same as ``redactedURL``.
    public var description: String { redactedURL }

    /// `connect_timeout` in whole seconds, rounded up, at least 2 (libpq treats 1 as 2).
    var connectTimeoutSeconds: Int {
        let (seconds, attoseconds) = connectTimeout.components
        return max(2, Int(seconds) + (attoseconds > 0 ? 1 : 0))
    }

    /// Keyword/value pairs for `PQconnectdbParams`.
    ///
    /// Session settings make result text predictable for the decoders: UTC time zone and ISO
    /// date style (timestamptz output like `2024-05-01 12:00:00.123456+00`), hex bytea output,
    /// and shortest-exact float output.
    var libpqParameters: [(String, String)] {
        var parameters: [(String, String)] = [
            ("host", host),
            ("port", String(port)),
            ("user", user),
            ("dbname", database),
            ("connect_timeout", String(connectTimeoutSeconds)),
            ("client_encoding", "UTF8"),
            ("keepalives", "1"),
            ("keepalives_idle", "30"),
            ("keepalives_interval", "10"),
            ("keepalives_count", "3"),
            ("options", "-c TimeZone=UTC -c DateStyle=ISO,YMD -c bytea_output=hex -c extra_float_digits=3"),
        ]
        if let password { parameters.append(("password", password)) }
        if let sslMode { parameters.append(("sslmode", sslMode.rawValue)) }
        if let sslRootCert { parameters.append(("sslrootcert", sslRootCert)) }
        if let applicationName { parameters.append(("application_name", applicationName)) }
        return parameters
    }
}
