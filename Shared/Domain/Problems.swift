/// Whether a problem stops a record from being accepted.
public enum ProblemSeverity: String, Sendable, Codable, Hashable {
    /// The record is rejected and kept for repair.
    case error
    /// The record is accepted; the problem is recorded on it for an analyst to see.
    case warning
}

/// A stable, machine-readable reason why a field was rejected or flagged.
///
/// The raw values are dotted, lower-case codes (`ssn.invalid-area`) that repair tools, metrics
/// and other services may rely on: never rename one, only add. Each code has one fixed
/// ``severity``: the normaliser reports it either always as an error or always as a warning.
public enum ProblemCode: String, Sendable, Codable, Hashable, CaseIterable {
    // MARK: Lead
    /// Neither a person nor an organisation was given.
    case leadSubjectMissing = "lead.subject-missing"
    /// `kind` names a subject type that was not given, or both a person and an organisation were.
    case leadKindMismatch = "lead.kind-mismatch"
    /// `kind` is neither `person` nor `organisation`.
    case leadKindUnknown = "lead.kind-unknown"
    case categoryMissing = "category.missing"
    case categoryUnknown = "category.unknown"
    /// The category does not apply to this kind of subject (e.g. an overstay of an organisation).
    case categoryKindMismatch = "category.kind-mismatch"
    /// A `dateOrder` or name `order` hint has a value the normaliser does not know.
    case hintUnknown = "hint.unknown"

    // MARK: Any field
    case fieldTooLong = "field.too-long"
    /// Control characters or bidirectional overrides.
    case fieldInvalidCharacters = "field.invalid-characters"

    // MARK: Names
    case nameMissing = "name.missing"
    /// Digits, symbols or control characters in a person's name.
    case nameInvalidCharacters = "name.invalid-characters"
    /// Warning: an alias folds to the same key as the primary name; it was dropped.
    case aliasSameAsName = "alias.same-as-name"
    /// Warning: two aliases fold to the same key; the later one was dropped.
    case aliasDuplicate = "alias.duplicate"
    case sexUnknown = "sex.unknown"

    // MARK: Dates
    case dateMissing = "date.missing"
    case dateInvalidFormat = "date.invalid-format"
    /// A two-digit year: the century cannot be known.
    case dateTwoDigitYear = "date.two-digit-year"
    /// A date that does not exist (month 13, 30 February, 29 February of a common year).
    case dateInvalid = "date.invalid"
    case dateFuture = "date.future"
    /// A date of birth more than the configured maximum age before the record was received.
    case dateTooOld = "date.too-old"
    /// An end date before its start date.
    case dateRangeInverted = "date.range-inverted"
    /// Warning: the date could be read day-first or month-first and both are valid; the
    /// source's order was used and ``PartialDate/dayMonthAmbiguous`` is set.
    case dateAmbiguousDayMonth = "date.ambiguous-day-month"
    /// Warning: the date is impossible in the source's stated order but valid the other way
    /// round (13/04/1990 from a month-first source); the valid reading was used.
    case dateDayMonthSwapped = "date.day-month-swapped"

    // MARK: Countries
    case countryUnknown = "country.unknown"

    // MARK: Identifiers
    case identifierMissingType = "identifier.missing-type"
    case identifierUnknownType = "identifier.unknown-type"
    case identifierMissingValue = "identifier.missing-value"
    /// Warning: the same identifier (type, issuer, value) was given twice; one copy was kept.
    case identifierDuplicate = "identifier.duplicate"
    /// Two different values of an identifier a person has only one of (SSN, A-number, FIN).
    case identifierConflicting = "identifier.conflicting"
    /// Warning: two different values of an identifier a person may hold several of over time
    /// from the same issuer (passport, driver's licence, student-programme ID). Both are kept.
    case identifierMultipleValues = "identifier.multiple-values"
    case ssnInvalidFormat = "ssn.invalid-format"
    /// Area 000, 666 or 900-999.
    case ssnInvalidArea = "ssn.invalid-area"
    /// Group 00.
    case ssnInvalidGroup = "ssn.invalid-group"
    /// Serial 0000.
    case ssnInvalidSerial = "ssn.invalid-serial"
    /// Fewer than 7 or more than 9 digits.
    case alienNumberInvalidLength = "alien-number.invalid-length"
    /// Characters other than an optional `A` prefix, digits, spaces and hyphens; or all zeros.
    case alienNumberInvalidFormat = "alien-number.invalid-format"
    case passportInvalidFormat = "passport.invalid-format"
    case passportMissingIssuingCountry = "passport.missing-issuing-country"
    case visaFoilInvalidFormat = "visa-foil.invalid-format"
    case studentProgrammeIDInvalidFormat = "student-programme-id.invalid-format"
    case fingerprintIDInvalidFormat = "fingerprint-id.invalid-format"
    case admissionNumberInvalidFormat = "admission-number.invalid-format"
    case driversLicenceInvalidFormat = "drivers-licence.invalid-format"
    case driversLicenceMissingIssuingState = "drivers-licence.missing-issuing-state"

    // MARK: Addresses
    /// Warning: an address object with no content at all; nothing was dropped.
    case addressEmpty = "address.empty"
    /// Warning: a US address without street, city, state or ZIP code.
    case addressIncomplete = "address.incomplete"
    /// Warning: the same address twice; one copy was kept.
    case addressDuplicate = "address.duplicate"
    case addressTooManyLines = "address.too-many-lines"
    case stateUnknown = "state.unknown"
    case zipInvalid = "zip.invalid"

    // MARK: Contacts
    case phoneInvalid = "phone.invalid"
    case emailInvalid = "email.invalid"
    /// Warning: the same phone number or e-mail address twice; one copy was kept.
    case contactDuplicate = "contact.duplicate"

    // MARK: Travel, visas, risk, organisations
    case travelDirectionUnknown = "travel.direction-unknown"
    case portInvalid = "port.invalid"
    case classOfAdmissionInvalid = "class-of-admission.invalid"
    case visaClassInvalid = "visa-class.invalid"
    case riskIndicatorUnknown = "risk-indicator.unknown"
    case schoolCodeInvalid = "school-code.invalid"

    // MARK: Arrival/departure updates
    /// The update does not name the upstream person it is about.
    case updatePersonIDMissing = "update.person-id-missing"
    /// The update carries neither a travel event nor a status change.
    case updateEmpty = "update.empty"
    /// The status change is not one of the known statuses.
    case statusUnknown = "status.unknown"

    /// How the normaliser reports this code.
    public var severity: ProblemSeverity {
        switch self {
        case .aliasSameAsName, .aliasDuplicate, .dateAmbiguousDayMonth, .dateDayMonthSwapped,
            .identifierDuplicate, .identifierMultipleValues, .addressEmpty, .addressIncomplete,
            .addressDuplicate, .contactDuplicate:
            .warning
        default:
            .error
        }
    }

    /// A short human explanation. It never contains the offending value, so that problems can
    /// be logged, counted and shown without leaking personal data.
    public var defaultMessage: String {
        switch self {
        case .leadSubjectMissing: "The lead has neither a person nor an organisation."
        case .leadKindMismatch: "The lead kind does not match the subject given."
        case .leadKindUnknown: "The lead kind must be person or organisation."
        case .categoryMissing: "The lead category is missing."
        case .categoryUnknown: "The lead category is not a known category."
        case .categoryKindMismatch: "The lead category does not apply to this kind of subject."
        case .hintUnknown: "The ordering hint is not a known value."
        case .fieldTooLong: "The value is longer than allowed."
        case .fieldInvalidCharacters: "The value contains control or bidirectional-override characters."
        case .nameMissing: "The name is missing or has no letters."
        case .nameInvalidCharacters: "The name contains characters other than letters, spaces, hyphens and apostrophes."
        case .aliasSameAsName: "The alias is the same as the primary name and was dropped."
        case .aliasDuplicate: "The alias repeats an earlier alias and was dropped."
        case .sexUnknown: "The sex must be male, female or unknown."
        case .dateMissing: "The date is missing."
        case .dateInvalidFormat:
            "The date is not in a recognised format (YYYY-MM-DD, YYYY-MM, YYYY, MM/DD/YYYY, DD/MM/YYYY, YYYYMMDD)."
        case .dateTwoDigitYear: "The date has a two-digit year; the century cannot be known."
        case .dateInvalid: "The date does not exist in the calendar."
        case .dateFuture: "The date is after the time the record was received."
        case .dateTooOld: "The date of birth is implausibly long ago."
        case .dateRangeInverted: "The end date is before the start date."
        case .dateAmbiguousDayMonth: "Day and month could be read either way; the source's order was used."
        case .dateDayMonthSwapped: "Day and month were swapped relative to the source's order, the only valid reading."
        case .countryUnknown: "The country is not a known ISO 3166-1 code or name."
        case .identifierMissingType: "The identifier has no type."
        case .identifierUnknownType: "The identifier type is not known."
        case .identifierMissingValue: "The identifier has no value."
        case .identifierDuplicate: "The identifier repeats an earlier one and was collapsed."
        case .identifierConflicting: "Two different values were given for an identifier a person has only one of."
        case .identifierMultipleValues:
            "Two different values were given for the same identifier type and issuer; both were kept."
        case .ssnInvalidFormat: "The social security number must be 9 digits, optionally as NNN-NN-NNNN."
        case .ssnInvalidArea: "The social security number's area (first 3 digits) is never issued."
        case .ssnInvalidGroup: "The social security number's group (digits 4-5) is 00."
        case .ssnInvalidSerial: "The social security number's serial (last 4 digits) is 0000."
        case .alienNumberInvalidLength: "The alien registration number must have 7 to 9 digits."
        case .alienNumberInvalidFormat: "The alien registration number must be digits with an optional A prefix."
        case .passportInvalidFormat: "The passport number must be 5 to 20 letters and digits, with at least one digit."
        case .passportMissingIssuingCountry: "The passport has no issuing country."
        case .visaFoilInvalidFormat: "The visa foil number must be 8 to 12 letters and digits, with at least one digit."
        case .studentProgrammeIDInvalidFormat: "The student programme ID must be N followed by 10 digits."
        case .fingerprintIDInvalidFormat: "The fingerprint identification number must be 10 digits."
        case .admissionNumberInvalidFormat: "The admission number must be 11 letters and digits."
        case .driversLicenceInvalidFormat: "The driver's licence number must be 4 to 20 letters and digits."
        case .driversLicenceMissingIssuingState: "The driver's licence has no issuing state."
        case .addressEmpty: "The address has no content and was ignored."
        case .addressIncomplete: "The address lacks a street, city, state or ZIP code."
        case .addressDuplicate: "The address repeats an earlier one and was collapsed."
        case .addressTooManyLines: "The address has more street lines than allowed."
        case .stateUnknown: "The state is not a USPS state or territory code or name."
        case .zipInvalid: "The ZIP code must be 12345, 12345-6789 or 123456789."
        case .phoneInvalid: "The phone number cannot be read as an E.164 number."
        case .emailInvalid: "The e-mail address is not structurally valid."
        case .contactDuplicate: "The contact repeats an earlier one and was collapsed."
        case .travelDirectionUnknown: "The travel event must be an arrival or a departure."
        case .portInvalid: "The port code must be 3 letters or digits."
        case .classOfAdmissionInvalid: "The class of admission must be 1 to 5 letters and digits."
        case .visaClassInvalid: "The visa class must be 1 to 5 letters and digits."
        case .riskIndicatorUnknown: "The risk indicator is not a known indicator."
        case .schoolCodeInvalid: "The school code must be 3 letters, 3 digits, a letter and 8 digits."
        case .updatePersonIDMissing: "The update must name the upstream person id."
        case .updateEmpty: "The update carries neither a travel event nor a status change."
        case .statusUnknown: "The status is not one of the known status changes."
        }
    }
}

/// One problem with one field of one input record.
public struct FieldProblem: Sendable, Codable, Hashable, CustomStringConvertible {
    /// What is wrong, as a stable code.
    public var code: ProblemCode
    /// Where, as a JSON path into ``RawLead`` (`person.identifiers[2].value`).
    public var field: String
    /// What is wrong, for people. Never contains the offending value.
    public var message: String

    public init(code: ProblemCode, field: String, message: String? = nil) {
        self.code = code
        self.field = field
        self.message = message ?? code.defaultMessage
    }

    public var description: String { "\(field): \(code.rawValue) (\(message))" }
}

/// Why a lead was rejected: every error found in the record, not only the first, plus the
/// warnings, so that the whole record can be repaired in one pass.
///
/// `description` names the source record and the codes only, never a value, so the failure
/// can be logged as it is.
public struct ValidationFailure: Error, Sendable, Codable, Hashable, CustomStringConvertible {
    /// Where the rejected record came from.
    public var provenance: Provenance
    /// The problems that stopped the record; never empty.
    public var errors: [FieldProblem]
    /// Non-fatal problems found on the way.
    public var warnings: [FieldProblem]

    public init(provenance: Provenance, errors: [FieldProblem], warnings: [FieldProblem] = []) {
        self.provenance = provenance
        self.errors = errors
        self.warnings = warnings
    }

    /// The distinct error codes, e.g. for counting rejections by reason.
    public var codes: Set<ProblemCode> { Set(errors.map(\.code)) }

    public var description: String {
        let record = provenance.sourceRecordID.map { " record \($0)" } ?? ""
        let list = errors.map { "\($0.field): \($0.code.rawValue)" }.joined(separator: ", ")
        return "Lead from \(provenance.system)\(record) rejected with \(errors.count) problem(s): \(list)"
    }
}

/// Why one value could not be normalised by one of the public per-field normalisers
/// (``PartialDate/parse(_:order:)``, ``IdentifierType/normalise(_:)``, ...): one or more codes.
public struct FieldRejection: Error, Sendable, Hashable {
    public var codes: [ProblemCode]

    public init(_ codes: [ProblemCode]) { self.codes = codes }
    public init(_ code: ProblemCode) { self.codes = [code] }
}
