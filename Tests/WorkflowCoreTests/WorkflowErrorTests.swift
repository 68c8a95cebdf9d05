import Testing
import WorkflowCore

@Suite("Workflow errors")
struct WorkflowErrorTests {
    /// Identifiers and free text that must never appear in an error.
    let secrets = ["u-secret-person", "L-SECRET", "S-SECRET", "Jane Q Example", "new address: 12 Elm St"]

    func lead(_ state: LeadState) -> LeadWorkflow {
        LeadWorkflow(
            leadID: "L-SECRET", subjectID: "S-SECRET", state: state, version: 4, stateEnteredAt: Fixture.created,
            assignee: state == .queued ? nil : "u-secret-person", workupParticipants: state == .queued ? [] : ["u-secret-person"],
            submittedBy: state == .submitted ? "u-secret-person" : nil)
    }

    @Test func messagesCarryNoIdentifiersOrFreeText() {
        let person = Requester(id: "u-secret-person", roles: [.analyst, .reviewer])
        let errors: [WorkflowError?] = [
            Fixture.refusal(.approve(.viableRefer), by: person, on: lead(.submitted), reason: "Jane Q Example"),
            Fixture.refusal(.take, by: person, on: lead(.queued), reason: "Jane Q Example", expectedVersion: 3),
            Fixture.refusal(.submit, by: Requester(id: "u-other", roles: [.analyst]), on: lead(.inWorkup)),
            Fixture.refusal(.reopen(changed: ["new address: 12 Elm St"]), by: Fixture.arrivalFeed, on: lead(.held)),
            Fixture.refusal(.release, by: Requester(id: "u-secret-person", roles: [.auditor]), on: lead(.inWorkup)),
        ]
        #expect(errors.compactMap(\.?.code) == [.selfReview, .versionConflict, .notAssignee, .invalidChanges, .forbiddenRole])
        for error in errors.compactMap({ $0 }) {
            for secret in secrets {
                #expect(!error.message.contains(secret))
                #expect(!error.description.contains(secret))
            }
        }
    }

    @Test func theDescriptionStatesCommandStateRolesAndCode() throws {
        let error = try #require(
            Fixture.refusal(.approve(.viableRefer), by: Fixture.dual, on: Fixture.lead(.submitted, submittedBy: Fixture.dual.id)))
        #expect(error.description.contains("approve"))
        #expect(error.description.contains("submitted"))
        #expect(error.description.contains("analyst,reviewer"))
        #expect(error.description.contains("workflow.self-review"))
    }

    @Test func aWrongStateMessageNamesTheStatesThatWouldDo() throws {
        let error = try #require(
            Fixture.refusal(.reopen(changed: ["departure"]), by: Fixture.arrivalFeed, on: Fixture.lead(.queued)))
        #expect(error.message.contains("held"))
        #expect(error.message.contains("pending"))
    }

    @Test func aForbiddenRoleMessageNamesTheRolesThatWouldDo() throws {
        let error = try #require(
            Fixture.refusal(.release, by: Requester(id: "x", roles: [.auditor]), on: Fixture.lead(.inWorkup), reason: "r"))
        #expect(error.message.contains("analyst or supervisor"))
        #expect(error.roles == [.auditor])
    }

    @Test func codesAreStableDottedNames() {
        #expect(WorkflowError.Code.versionConflict.description == "workflow.version-conflict")
        #expect(WorkflowError.Code.selfReview.description == "workflow.self-review")
        #expect(WorkflowError.Code.wrongState != WorkflowError.Code.forbiddenRole)
    }
}
