/// The state of one ``LeadNormaliser/normalise(_:provenance:)`` call: the source's conventions,
/// the reference day, and every problem found so far. Field helpers clean and check one value,
/// report what is wrong at its JSON path and return `nil` for a value that cannot be used, so
/// that the caller carries on and finds every problem in the record.
///
/// Paths are `@autoclosure`s: they are built only when a problem is reported.
struct NormalisationContext {
    let provenance: Provenance
    var dateOrder: DateOrder
    /// The day the record was received (days since 1970-01-01, UTC): "today" for plausibility.
    let today: Int
    /// The earliest plausible date of birth.
    let oldestBirth: Int
    private(set) var errors: [FieldProblem] = []
    private(set) var warnings: [FieldProblem] = []

    init(provenance: Provenance, dateOrder: DateOrder, maximumAgeYears: Int) {
        self.provenance = provenance
        self.dateOrder = dateOrder
        self.today = CivilDate.dayNumber(of: provenance.receivedAt)
        self.oldestBirth = CivilDate.dayNumber(maximumAgeYears, yearsBefore: today)
    }

    mutating func report(_ code: ProblemCode, at field: @autoclosure () -> String, message: String? = nil) {
        let problem = FieldProblem(code: code, field: field(), message: message)
        switch code.severity {
        case .error: errors.append(problem)
        case .warning: warnings.append(problem)
        }
    }

    mutating func report(_ rejection: FieldRejection, at field: @autoclosure () -> String) {
        let path = field()
        for code in rejection.codes { report(code, at: path) }
    }

    // MARK: Text

    /// A single-line text field: length and character checks on the raw value, then cleaning
    /// (NFC, whitespace). Blank input is absent (`nil`, no problem).
    mutating func text(_ raw: String?, at field: @autoclosure () -> String, limit: Int = FieldLimits.line) -> String? {
        guard let raw else { return nil }
        if raw.utf8.count > limit {
            report(.fieldTooLong, at: field(), message: "The value is longer than \(limit) bytes.")
            return nil
        }
        switch Text.cleanChecked(raw) {
        case .blank: return nil
        case .text(let text): return text
        case .forbidden:
            report(.fieldInvalidCharacters, at: field())
            return nil
        }
    }

    /// Like ``text(_:at:limit:)``, but a missing or blank value is reported with `missing`.
    mutating func requiredText(
        _ raw: String?, at field: @autoclosure () -> String, limit: Int = FieldLimits.short, missing: ProblemCode
    ) -> String? {
        let before = errors.count
        let value = text(raw, at: field(), limit: limit)
        if value == nil && errors.count == before { report(missing, at: field()) }
        return value
    }

    /// A multi-line text field (narratives): line breaks kept.
    mutating func multilineText(_ raw: String?, at field: @autoclosure () -> String, limit: Int) -> String? {
        guard let raw else { return nil }
        if raw.utf8.count > limit {
            report(.fieldTooLong, at: field(), message: "The value is longer than \(limit) bytes.")
            return nil
        }
        if Text.containsForbiddenCharacters(raw) {
            report(.fieldInvalidCharacters, at: field())
            return nil
        }
        return Text.cleanMultiline(raw)
    }

    // MARK: Dates

    /// A date in any accepted format, read with the source's day/month order; ambiguity and
    /// swapped readings are reported as warnings.
    mutating func date(_ raw: String?, at field: @autoclosure () -> String) -> PartialDate? {
        guard let text = text(raw, at: field(), limit: FieldLimits.short) else { return nil }
        return parseDate(text, at: field())
    }

    mutating func parseDate(_ text: String, at field: @autoclosure () -> String) -> PartialDate? {
        switch DateParser.parse(text, order: dateOrder) {
        case .failure(let rejection):
            report(rejection, at: field())
            return nil
        case .success(let parsed):
            if parsed.readingSwapped { report(.dateDayMonthSwapped, at: field()) }
            if parsed.date.dayMonthAmbiguous { report(.dateAmbiguousDayMonth, at: field()) }
            return parsed.date
        }
    }

    /// A date that cannot be after the record was received (an event that has happened).
    /// A partial date is in the future only if its earliest possible day is.
    mutating func pastDate(_ raw: String?, at field: @autoclosure () -> String) -> PartialDate? {
        guard let date = date(raw, at: field()) else { return nil }
        return checkPast(date, at: field())
    }

    mutating func checkPast(_ date: PartialDate, at field: @autoclosure () -> String) -> PartialDate? {
        guard date.earliestDayNumber <= today else {
            report(.dateFuture, at: field())
            return nil
        }
        return date
    }

    /// A date of birth: in the past, and not more than the maximum age before receipt
    /// (a partial date is too old only if its latest possible day is).
    mutating func birthDate(_ raw: String?, at field: @autoclosure () -> String) -> PartialDate? {
        guard let date = pastDate(raw, at: field()) else { return nil }
        guard date.latestDayNumber >= oldestBirth else {
            report(.dateTooOld, at: field())
            return nil
        }
        return date
    }

    /// Reports `date.range-inverted` at `field` when `end` is certainly before `start`.
    mutating func checkOrder(_ start: PartialDate?, _ end: PartialDate?, at field: @autoclosure () -> String) -> Bool {
        guard let start, let end, end.latestDayNumber < start.earliestDayNumber else { return true }
        report(.dateRangeInverted, at: field())
        return false
    }

    // MARK: Places

    /// A country by code or name; unknown ones are reported.
    mutating func country(_ raw: String?, at field: @autoclosure () -> String) -> CountryCode? {
        guard let text = text(raw, at: field(), limit: FieldLimits.short) else { return nil }
        guard let country = CountryCode.parse(text) else {
            report(.countryUnknown, at: field())
            return nil
        }
        return country
    }

    /// A USPS state code from a code or name; unknown ones are reported.
    mutating func usState(_ raw: String?, at field: @autoclosure () -> String) -> String? {
        guard let text = text(raw, at: field(), limit: FieldLimits.short) else { return nil }
        guard let code = USPostal.stateCode(text) else {
            report(.stateUnknown, at: field())
            return nil
        }
        return code
    }
}

/// The JSON path of one element of a list (`person.identifiers[2]`) and its fields, built only
/// when a problem is reported.
struct ElementPath {
    let base: String
    let index: Int

    var element: String { "\(base)[\(index)]" }

    func callAsFunction(_ field: String) -> String { "\(base)[\(index)].\(field)" }
}

extension String? {
    /// Whether the optional string is absent or only whitespace.
    var isBlank: Bool {
        guard let self else { return true }
        return self.allSatisfy(\.isWhitespace)
    }
}
