/// Who issues a command: a user or machine client, with every role it holds now (the
/// service builds it from the authenticated `Principal`).
///
/// The identifier is opaque to this library (an account id, or `service:case-management`); it is
/// recorded in transitions but never put into error messages.
public struct Requester: Sendable, Codable, Hashable {
    public var id: String
    public var roles: Set<WorkflowRole>

    public init(id: String, roles: Set<WorkflowRole>) {
        self.id = id
        self.roles = roles
    }

    public func holds(_ role: WorkflowRole) -> Bool { roles.contains(role) }
}
