import Foundation
import LeadTracDomain
import Testing

@Suite("Partial dates")
struct DatesTests {
    @Test(
        "accepted formats",
        arguments: [
            ("1990-03-04", "1990-03-04 day"), ("1990-3-4", "1990-03-04 day"), ("1990/03/04", "1990-03-04 day"),
            ("19900304", "1990-03-04 day"), ("1990-03", "1990-03 month"), ("1990", "1990 year"),
            ("03/1990", "1990-03 month"), ("12.25.1990", "1990-12-25 day"), ("  1990-03-04  ", "1990-03-04 day"),
            ("1990-03-04 10:00", "1990-03-04 day"), ("00/00/1990", "1990 year"), ("03/00/1990", "1990-03 month"),
        ])
    func acceptedFormats(input: String, expected: String) throws {
        let parsed = try PartialDate.parse(input).get()
        #expect(summary(parsed.date) == expected)
    }

    @Test(
        "rejected formats",
        arguments: [
            ("", ProblemCode.dateInvalidFormat), ("1990-03-04-05", .dateInvalidFormat), ("90", .dateInvalidFormat),
            ("1990-003", .dateInvalidFormat), ("03/04/90", .dateTwoDigitYear), ("3/90", .dateTwoDigitYear),
            ("0000", .dateInvalid), ("1990-13", .dateInvalid), ("1990-04-31", .dateInvalid),
            ("1900-02-29", .dateInvalid), ("1990-02-30", .dateInvalid), ("31/31/1990", .dateInvalid),
            ("1990-03-04Tnoon", .dateInvalidFormat), ("1990‐03‐04", .dateInvalidFormat),
        ])
    func rejectedFormats(input: String, code: ProblemCode) {
        #expect(throws: FieldRejection(code)) { try PartialDate.parse(input).get() }
    }

    @Test("leap years follow the Gregorian rules")
    func leapYears() {
        #expect(PartialDate(year: 2000, month: 2, day: 29) != nil)
        #expect(PartialDate(year: 2024, month: 2, day: 29) != nil)
        #expect(PartialDate(year: 1900, month: 2, day: 29) == nil)
        #expect(PartialDate(year: 1999, month: 2, day: 29) == nil)
    }

    @Test("day/month order: ambiguity flagged, impossible stated order swapped")
    func dayMonthOrder() throws {
        let ambiguous = try PartialDate.parse("03/04/1990", order: .dayFirst).get()
        #expect(summary(ambiguous.date) == "1990-04-03 day ambiguous")
        #expect(!ambiguous.readingSwapped)

        let swapped = try PartialDate.parse("04/13/1990", order: .dayFirst).get()
        #expect(summary(swapped.date) == "1990-04-13 day")
        #expect(swapped.readingSwapped)

        let same = try PartialDate.parse("07/07/1990", order: .dayFirst).get()
        #expect(!same.date.dayMonthAmbiguous)
    }

    @Test(
        "hints in common spellings",
        arguments: [("MDY", DateOrder.monthFirst), ("day-first", .dayFirst), ("DD/MM/YYYY", .dayFirst)])
    func hints(hint: String, order: DateOrder) {
        #expect(DateOrder(hint: hint) == order)
    }

    @Test("invariants hold in the initialiser and in decoding")
    func invariants() throws {
        #expect(PartialDate(year: 1990, day: 4) == nil)
        #expect(PartialDate(year: 1990, month: 0) == nil)
        #expect(PartialDate(year: 0) == nil)
        #expect(PartialDate(year: 1990, month: 3, dayMonthAmbiguous: true)?.dayMonthAmbiguous == false)
        let bad = Data(#"{"year":1999,"month":2,"day":29}"#.utf8)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(PartialDate.self, from: bad) }
        let good = try JSONDecoder().decode(PartialDate.self, from: Data(#"{"year":1990,"month":7}"#.utf8))
        #expect(summary(good) == "1990-07 month")
    }

    @Test("day numbers: ranges of partial dates, ordering, epoch")
    func dayNumbers() throws {
        let epoch = try #require(PartialDate(year: 1970, month: 1, day: 1))
        #expect(epoch.earliestDayNumber == 0)
        let year = try #require(PartialDate(year: 2000))
        #expect(year.latestDayNumber - year.earliestDayNumber == 365)
        let february = try #require(PartialDate(year: 2023, month: 2))
        #expect(february.latestDayNumber - february.earliestDayNumber == 27)
        #expect(PartialDate(year: 1990)! < PartialDate(year: 1990, month: 1)!)
        #expect(PartialDate(year: 1990, month: 1, day: 2)! > PartialDate(year: 1990, month: 1)!)
        #expect(PartialDate(year: 987)?.description == "0987")
    }

    @Test("the maximum age is measured from the time of receipt")
    func maximumAge() {
        #expect((try? normalise(personLead { $0.dateOfBirth = "1895-06-01" }).get()) != nil)
        let strict = LeadNormaliser(maximumAgeYears: 100)
        guard case .failure(let failure) = normalise(personLead { $0.dateOfBirth = "1925-05-31" }, with: strict) else {
            Issue.record("accepted")
            return
        }
        #expect(failure.codes == [.dateTooOld])
    }
}
