/// Normalisation of the repeated facts of a subject: identifiers, addresses, phones, e-mails,
/// travel events and visas. Each fact gets the record's provenance; exact duplicates are
/// collapsed with a warning, so each fact appears once.
extension LeadNormaliser.Steps {
    // MARK: Identifiers

    /// Identifiers, each checked by its type's rule and issuer requirements.
    ///
    /// Duplicates and conflicts: the same type, issuer and value twice is collapsed with
    /// `identifier.duplicate`. Different values of a type a person has once (SSN, A-number,
    /// FIN, compared whatever the issuer) are an error, `identifier.conflicting`; of a type
    /// re-issued over time (passport, driver's licence, student programme ID, same issuer) a
    /// warning, `identifier.multiple-values`, keeping both; of a per-event type (visa foil,
    /// admission number) nothing.
    mutating func identifiers(_ raws: [RawIdentifier], at base: String) -> [Identifier] {
        var result: [Identifier] = []
        for (index, raw) in raws.enumerated() {
            let path = ElementPath(base: base, index: index)
            var type: IdentifierType?
            if let label = context.requiredText(raw.type, at: path("type"), missing: .identifierMissingType) {
                type = IdentifierType(label: label)
                if type == nil { context.report(.identifierUnknownType, at: path("type")) }
            }
            let before = context.errors.count
            let value = context.requiredText(raw.value, at: path("value"), missing: .identifierMissingValue)
            let issuingCountry = context.country(raw.issuingCountry, at: path("issuingCountry"))
            let issuingState = context.usState(raw.issuingState, at: path("issuingState"))
            guard let type else { continue }
            if type == .passport && raw.issuingCountry.isBlank {
                context.report(.passportMissingIssuingCountry, at: path("issuingCountry"))
            }
            if type == .driversLicence && raw.issuingState.isBlank {
                context.report(.driversLicenceMissingIssuingState, at: path("issuingState"))
            }
            guard let value else { continue }
            let normalised: String
            switch type.normalise(value) {
            case .success(let text): normalised = text
            case .failure(let rejection):
                context.report(rejection, at: path("value"))
                continue
            }
            guard context.errors.count == before else { continue }

            let identifier = Identifier(
                type: type, value: normalised, raw: raw.value ?? value, issuingCountry: issuingCountry,
                issuingState: issuingState, provenance: context.provenance)
            let inScope: (Identifier) -> Bool =
                type.multiplicity == .one
                ? { $0.type == type }
                : { $0.issuerKey == identifier.issuerKey }
            if result.contains(where: { inScope($0) && $0.value == normalised }) {
                context.report(.identifierDuplicate, at: path("value"))
                continue
            }
            if result.contains(where: inScope) {
                switch type.multiplicity {
                case .one:
                    context.report(.identifierConflicting, at: path("value"))
                    continue
                case .fewOverTime:
                    context.report(.identifierMultipleValues, at: path("value"))
                case .many:
                    break
                }
            }
            result.append(identifier)
        }
        return result
    }

    // MARK: Addresses

    /// Postal addresses. US-rule addresses get USPS state codes (a territory named as the
    /// country supplies its own code) and split ZIP codes, and a warning when street, city, state
    /// or ZIP is missing; others keep region and postal code as received. An address with no
    /// content at all is skipped with `address.empty`.
    mutating func addresses(_ raws: [RawAddress], at base: String) -> [PostalAddress] {
        var result: [PostalAddress] = []
        for (index, raw) in raws.enumerated() {
            let path = ElementPath(base: base, index: index)
            let before = context.errors.count
            var lines: [String] = []
            if let rawLines = raw.lines {
                if rawLines.count > FieldLimits.addressLines {
                    context.report(.addressTooManyLines, at: path("lines"))
                } else {
                    for (lineIndex, rawLine) in rawLines.enumerated() {
                        if let line = context.text(rawLine, at: "\(path.element).lines[\(lineIndex)]") {
                            lines.append(Text.uppercased(line))
                        }
                    }
                }
            }
            let city = context.text(raw.city, at: path("city")).map(Text.uppercased)
            let stateText = context.text(raw.state, at: path("state"), limit: FieldLimits.short)
            let zipText = context.text(raw.zip, at: path("zip"), limit: FieldLimits.short)
            let country = raw.country.isBlank ? addressCountry : context.country(raw.country, at: path("country"))
            let validFrom = context.date(raw.validFrom, at: path("validFrom"))
            let validTo = context.date(raw.validTo, at: path("validTo"))
            _ = context.checkOrder(validFrom, validTo, at: path("validTo"))

            if lines.isEmpty && city == nil && stateText == nil && zipText == nil && raw.country.isBlank
                && validFrom == nil && validTo == nil && context.errors.count == before
            {
                context.report(.addressEmpty, at: path.element)
                continue
            }
            guard let country else { continue }
            var address = PostalAddress(
                lines: lines, city: city, country: country, validFrom: validFrom, validTo: validTo,
                provenance: context.provenance)
            if country.usesUSPostalRules {
                if let stateText {
                    address.state = USPostal.stateCode(stateText)
                    if address.state == nil { context.report(.stateUnknown, at: path("state")) }
                } else {
                    address.state = country.uspsTerritoryCode
                }
                if let zipText {
                    switch USPostal.zip(zipText) {
                    case .success(let zip):
                        address.zip5 = zip.zip5
                        address.zip4 = zip.zip4
                    case .failure(let rejection):
                        context.report(rejection, at: path("zip"))
                    }
                }
                if lines.isEmpty || city == nil || stateText == nil && address.state == nil || zipText == nil {
                    context.report(.addressIncomplete, at: path.element)
                }
            } else {
                address.region = stateText
                address.postalCode = zipText.map(Text.uppercased)
            }
            guard context.errors.count == before else { continue }
            if result.contains(where: { $0.samePlace(as: address) }) {
                context.report(.addressDuplicate, at: path.element)
                continue
            }
            result.append(address)
        }
        return result
    }

    // MARK: Contacts

    mutating func phones(_ raws: [String], at base: String) -> [PhoneNumber] {
        var result: [PhoneNumber] = []
        for (index, raw) in raws.enumerated() {
            guard let text = context.text(raw, at: "\(base)[\(index)]", limit: FieldLimits.short) else { continue }
            switch PhoneNumber.normalise(text) {
            case .failure(let rejection):
                context.report(rejection, at: "\(base)[\(index)]")
            case .success(let parts):
                if result.contains(where: { $0.e164 == parts.e164 && $0.phoneExtension == parts.phoneExtension }) {
                    context.report(.contactDuplicate, at: "\(base)[\(index)]")
                } else {
                    result.append(
                        PhoneNumber(
                            e164: parts.e164, phoneExtension: parts.phoneExtension, raw: raw,
                            provenance: context.provenance))
                }
            }
        }
        return result
    }

    mutating func emails(_ raws: [String], at base: String) -> [EmailAddress] {
        var result: [EmailAddress] = []
        for (index, raw) in raws.enumerated() {
            guard let text = context.text(raw, at: "\(base)[\(index)]", limit: FieldLimits.email) else { continue }
            switch EmailAddress.normalise(text) {
            case .failure(let rejection):
                context.report(rejection, at: "\(base)[\(index)]")
            case .success(let address):
                if result.contains(where: { $0.address == address }) {
                    context.report(.contactDuplicate, at: "\(base)[\(index)]")
                } else {
                    result.append(EmailAddress(address: address, raw: raw, provenance: context.provenance))
                }
            }
        }
        return result
    }

    // MARK: Travel and visas

    /// Arrivals and departures: direction and date required, the date not after receipt; the
    /// admitted-until date (or D/S) not before the event.
    mutating func travel(_ raws: [RawTravelEvent], at base: String) -> [TravelEvent] {
        var result: [TravelEvent] = []
        for (index, raw) in raws.enumerated() {
            let path = ElementPath(base: base, index: index)
            let before = context.errors.count
            var direction: TravelDirection?
            if let label = context.requiredText(
                raw.direction, at: path("direction"), missing: .travelDirectionUnknown)
            {
                direction = TravelDirection(label: label)
                if direction == nil { context.report(.travelDirectionUnknown, at: path("direction")) }
            }
            var date: PartialDate?
            if let text = context.requiredText(raw.date, at: path("date"), missing: .dateMissing) {
                date = context.parseDate(text, at: path("date")).flatMap { context.checkPast($0, at: path("date")) }
            }
            var port: String?
            if let text = context.text(raw.port, at: path("port"), limit: FieldLimits.short) {
                port = TravelCodes.port(text)
                if port == nil { context.report(.portInvalid, at: path("port")) }
            }
            var admissionClass: String?
            if let text = context.text(raw.classOfAdmission, at: path("classOfAdmission"), limit: FieldLimits.short) {
                admissionClass = TravelCodes.admissionClass(text)
                if admissionClass == nil { context.report(.classOfAdmissionInvalid, at: path("classOfAdmission")) }
            }
            var admittedUntil: AdmittedUntil?
            if let text = context.text(raw.admittedUntil, at: path("admittedUntil"), limit: FieldLimits.short) {
                if TravelCodes.isDurationOfStatus(text) {
                    admittedUntil = .durationOfStatus
                } else if let until = context.parseDate(text, at: path("admittedUntil")),
                    context.checkOrder(date, until, at: path("admittedUntil"))
                {
                    admittedUntil = .date(until)
                }
            }
            guard let direction, let date, context.errors.count == before else { continue }
            result.append(
                TravelEvent(
                    direction: direction, date: date, portCode: port, classOfAdmission: admissionClass,
                    admittedUntil: admittedUntil, provenance: context.provenance))
        }
        return result
    }

    /// Visa issuances: issue and revocation dates not after receipt, expiry and revocation not
    /// before issue. A visa object with nothing in it is skipped.
    mutating func visas(_ raws: [RawVisa], at base: String) -> [VisaRecord] {
        var result: [VisaRecord] = []
        for (index, raw) in raws.enumerated() {
            let path = ElementPath(base: base, index: index)
            let before = context.errors.count
            var visaClass: String?
            if let text = context.text(raw.visaClass, at: path("visaClass"), limit: FieldLimits.short) {
                visaClass = TravelCodes.admissionClass(text)
                if visaClass == nil { context.report(.visaClassInvalid, at: path("visaClass")) }
            }
            let issuedOn = context.pastDate(raw.issuedOn, at: path("issuedOn"))
            let expiresOn = context.date(raw.expiresOn, at: path("expiresOn"))
            let revokedOn = context.pastDate(raw.revokedOn, at: path("revokedOn"))
            _ = context.checkOrder(issuedOn, expiresOn, at: path("expiresOn"))
            _ = context.checkOrder(issuedOn, revokedOn, at: path("revokedOn"))
            guard context.errors.count == before else { continue }
            if visaClass == nil && issuedOn == nil && expiresOn == nil && revokedOn == nil { continue }
            result.append(
                VisaRecord(
                    visaClass: visaClass, issuedOn: issuedOn, expiresOn: expiresOn, revokedOn: revokedOn,
                    provenance: context.provenance))
        }
        return result
    }
}
