/// Why a command was refused, with the command, the lead's state and the actor's roles.
///
/// The message says what rule was broken and never carries personal data: no user or lead
/// identifiers, no reason text, no change flags. The caller, which knows the lead and the
/// actor, adds them to its own structured log metadata if it must.
public struct WorkflowError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A stable, machine-readable reason. Extensible: new codes may be added without breaking
    /// callers that switch over the ones they know.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Value: String, Sendable {
            case forbiddenRole = "workflow.forbidden-role"
            case versionConflict = "workflow.version-conflict"
            case wrongState = "workflow.wrong-state"
            case notAssignee = "workflow.not-assignee"
            case selfReview = "workflow.self-review"
            case missingReason = "workflow.missing-reason"
            case invalidDisposition = "workflow.invalid-disposition"
            case invalidClosureReason = "workflow.invalid-closure-reason"
            case assigneeNotAnalyst = "workflow.assignee-not-analyst"
            case alreadyAssigned = "workflow.already-assigned"
            case missingChanges = "workflow.missing-changes"
            case invalidChanges = "workflow.invalid-changes"
        }

        private let value: Value
        private init(_ value: Value) { self.value = value }

        /// The actor holds no role that may issue this command at all. HTTP 403.
        public static let forbiddenRole = Code(.forbiddenRole)
        /// The lead changed since the client read it. HTTP 412.
        public static let versionConflict = Code(.versionConflict)
        /// The command does not apply in the lead's current state. HTTP 409.
        public static let wrongState = Code(.wrongState)
        /// Only the lead's assignee may do this (submit, resume, an analyst's release). HTTP 403.
        public static let notAssignee = Code(.notAssignee)
        /// A reviewer may not review a lead they worked up. HTTP 403.
        public static let selfReview = Code(.selfReview)
        /// The command needs a reason and none (or only blanks) was given. HTTP 422.
        public static let missingReason = Code(.missingReason)
        /// The disposition is not one a reviewer may choose (closing as `caseClosed`). HTTP 422.
        public static let invalidDisposition = Code(.invalidDisposition)
        /// A supervisor's closure with a reason that needs review. HTTP 422.
        public static let invalidClosureReason = Code(.invalidClosureReason)
        /// The account a lead is assigned to does not hold the analyst role. HTTP 422.
        public static let assigneeNotAnalyst = Code(.assigneeNotAnalyst)
        /// The lead is already assigned to that analyst. HTTP 409.
        public static let alreadyAssigned = Code(.alreadyAssigned)
        /// A reopen without any change flag. HTTP 422.
        public static let missingChanges = Code(.missingChanges)
        /// A change flag that is not a field name (letters, digits, `.`, `-`, `_`; up to 64). HTTP 422.
        public static let invalidChanges = Code(.invalidChanges)

        /// The dotted code, e.g. `workflow.self-review`.
        public var description: String { value.rawValue }

        /// The HTTP status the service answers with.
        public var httpStatus: Int {
            switch value {
            case .forbiddenRole, .notAssignee, .selfReview: 403
            case .versionConflict: 412
            case .wrongState, .alreadyAssigned: 409
            case .missingReason, .invalidDisposition, .invalidClosureReason, .assigneeNotAnalyst, .missingChanges,
                .invalidChanges:
                422
            }
        }
    }

    public let code: Code
    public let command: CommandName
    /// The lead's state when the command was refused.
    public let state: LeadState
    /// The roles the actor held, sorted.
    public let roles: [WorkflowRole]
    /// What rule was broken, in words. No personal data.
    public let message: String

    public init(_ code: Code, command: CommandName, state: LeadState, roles: Set<WorkflowRole>, message: String) {
        self.code = code
        self.command = command
        self.state = state
        self.roles = roles.sorted()
        self.message = message
    }

    public var description: String {
        let roleList = roles.isEmpty ? "none" : roles.map(\.rawValue).joined(separator: ",")
        return "\(command.rawValue) refused in state \(state.rawValue) for roles \(roleList): \(message) [\(code)]"
    }
}
