import ArgumentParser
import Foundation
import LeadTracRuntime

/// `leadtrac token --user U --role R`: a bearer token signed with the development key.
///
/// For local runs, demos and tests only: services accept it only while they verify with the
/// development key (no `LEADTRAC_JWT_JWKS_FILE`). Prints the token alone, so that
/// `TOKEN=$(leadtrac token --user ana --role analyst)` works.
struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token", abstract: "Print a development bearer token (local use only).")

    @Option(help: "The user id (the token's subject).") var user: String
    @Option(help: "A role: \(Role.allCases.map(\.rawValue).joined(separator: ", ")) (repeatable).") var role: [String]
    @Option(help: "Lifetime in minutes.") var minutes: Int = 480
    @Option(help: "Issuer (default: $LEADTRAC_JWT_ISSUER or leadtrac-dev).") var issuer: String?
    @Option(help: "Audience (default: $LEADTRAC_JWT_AUDIENCE or leadtrac).") var audience: String?

    func run() async throws {
        let roles = try role.map { name in
            guard let role = Role(rawValue: name) else {
                throw ValidationError("unknown role \(name); choose from \(Role.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return role
        }
        guard !roles.isEmpty else { throw ValidationError("give at least one --role") }
        guard minutes > 0, minutes <= 7 * 24 * 60 else { throw ValidationError("--minutes must be between 1 and 10080") }
        let configuration = try AuthConfiguration(environment: Environment())
        let issuer = DevelopmentTokenIssuer(
            issuer: issuer ?? configuration.issuer, audience: audience ?? configuration.audience)
        print(try await issuer.token(user: user, roles: roles, lifetime: .seconds(minutes * 60)))
    }
}
