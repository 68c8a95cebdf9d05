/// The guard table: which states each command applies in, which roles may issue it, and when
/// it needs a reason. ``LeadStateMachine`` enforces it; docs/state-machine.md presents it.
public enum CommandRules {
    /// The states a command may be applied in; any other gives ``WorkflowError/Code/wrongState``.
    public static func sources(of command: CommandName) -> Set<LeadState> {
        switch command {
        case .take: [.queued]
        case .assign: [.queued, .inWorkup, .returned]
        case .release: [.inWorkup, .returned]
        case .submit: [.inWorkup]
        case .return: [.submitted]
        case .resume: [.returned]
        case .approve: [.submitted]
        case .caseClosed: [.referred]
        case .reopen: [.pending, .held]
        // Not referred: case management owns a referred lead and reports its closure.
        case .close: [.queued, .inWorkup, .submitted, .returned, .held, .pending]
        }
    }

    /// The roles that may issue a command, in the order the acting role is chosen when an
    /// actor holds several. Holding none gives ``WorkflowError/Code/forbiddenRole``.
    ///
    /// Decisions:
    /// - Review (``CommandName/approve``, ``CommandName/return``) needs the reviewer role;
    ///   the supervisor role alone does not grant it. Review is the second pair of eyes on a
    ///   finding about a person, and supervisors already control assignments: letting them
    ///   review too would let one person steer a lead from assignment to disposition. A
    ///   supervisor who must review is given the reviewer role, which is itself audited, and
    ///   the self-review rule then applies to them like anyone else.
    /// - ``CommandName/release``: the assignee (as analyst) releases their own lead; a
    ///   supervisor may release anyone's.
    /// - ``CommandName/reopen``: the feeds (service) reopen on new information; a supervisor
    ///   may too, for information that arrives another way.
    /// - Auditors and admins issue no workflow command.
    public static func roles(for command: CommandName) -> [WorkflowRole] {
        switch command {
        case .take, .submit, .resume: [.analyst]
        case .assign, .close: [.supervisor]
        case .release: [.analyst, .supervisor]
        case .return, .approve: [.reviewer]
        case .caseClosed: [.service]
        case .reopen: [.service, .supervisor]
        }
    }

    /// Whether the command needs a non-blank reason in the given state.
    ///
    /// Returning, releasing, and a supervisor's closure always do: each undoes someone's
    /// work or ends the lead without review. Reassigning (assigning a lead that already has
    /// an assignee) does, because it takes work from someone; a first assignment does not.
    /// The rest carry their why in their data (a disposition, change flags) or need none.
    public static func requiresReason(_ command: CommandName, in state: LeadState) -> Bool {
        switch command {
        case .return, .release, .close: true
        case .assign: state != .queued
        case .take, .submit, .resume, .approve, .caseClosed, .reopen: false
        }
    }

    /// Whether a change flag is a plain field name (`departure`, `address.current`,
    /// `visa_status`): a letter, then up to 63 letters, digits, `.`, `-` or `_`. Values
    /// (a new address, a date) are refused so that flags never carry personal data.
    public static func isValidChangeFlag(_ flag: String) -> Bool {
        let scalars = Array(flag.unicodeScalars)
        guard let first = scalars.first, scalars.count <= 64, first.isASCIILetter else { return false }
        return scalars.allSatisfy { $0.isASCIILetter || ("0"..."9").contains($0) || $0 == "." || $0 == "-" || $0 == "_" }
    }
}

extension Unicode.Scalar {
    var isASCIILetter: Bool { ("a"..."z").contains(self) || ("A"..."Z").contains(self) }
}
