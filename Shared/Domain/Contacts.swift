/// A telephone number in E.164 form (`+12025550143`).
public struct PhoneNumber: Sendable, Codable, Hashable {
    /// `+`, country calling code and subscriber number, digits only, at most 15 digits.
    public var e164: String
    /// An extension given after the number (`x123`, `ext. 45`), digits only.
    public var phoneExtension: String?
    /// The number exactly as received.
    public var raw: String
    public var provenance: Provenance

    public init(e164: String, phoneExtension: String? = nil, raw: String, provenance: Provenance) {
        self.e164 = e164
        self.phoneExtension = phoneExtension
        self.raw = raw
        self.provenance = provenance
    }

    /// The result of ``normalise(_:)``.
    public struct Parts: Sendable, Hashable {
        public var e164: String
        public var phoneExtension: String?
    }

    /// Normalises a phone number as sources write it.
    ///
    /// Rules: spaces, hyphens, dots, slashes and brackets are ignored. `+` followed by 8-15
    /// digits, or the international prefixes `011` (from the US) and `00`, give an international
    /// number whose country code must not start with 0. Ten digits, or eleven starting with 1,
    /// are North American (country code 1). North American numbers must have an area code and
    /// exchange starting 2-9 and an area code that is not N11 (211, 911, ...). A trailing
    /// extension (`x123`, `ext 123`, `extension 123`, `#123`) of up to 6 digits is split off.
    /// - Returns: the E.164 form and extension, or a rejection with `phone.invalid`.
    public static func normalise(_ raw: String) -> Result<Parts, FieldRejection> {
        let invalid = Result<Parts, FieldRejection>.failure(FieldRejection(.phoneInvalid))
        var bytes = Array(raw.utf8)
        var phoneExtension: String?
        if let marker = bytes.firstIndex(where: { $0 == 0x23 || ($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A }) {
            let tail = bytes[marker...].map { $0 | 0x20 }  // ASCII lower case; digits are unaffected
            var digits = tail.drop {
                $0 == 0x23 || ($0 >= 0x61 && $0 <= 0x7A) || $0 == 0x2E || $0 == 0x3A || $0 == 0x20
            }
            let label = String(decoding: tail.prefix(tail.count - digits.count), as: UTF8.self)
                .filter { $0.isLetter || $0 == "#" }
            guard ["x", "ext", "extension", "#"].contains(label) else { return invalid }
            while let last = digits.last, Text.isASCIIWhitespace(last) { digits.removeLast() }
            guard (1...6).contains(digits.count), digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
                return invalid
            }
            phoneExtension = String(decoding: digits, as: UTF8.self)
            bytes.removeSubrange(marker...)
        }

        var digits: [UInt8] = []
        var plus = false
        for b in bytes {
            switch b {
            case 0x30...0x39: digits.append(b)
            case 0x2B:  // "+" only before any digit
                guard digits.isEmpty, !plus else { return invalid }
                plus = true
            case 0x20, 0x2D, 0x2E, 0x28, 0x29, 0x2F, 0x09: continue
            default: return invalid
            }
        }

        var international: ArraySlice<UInt8>
        if plus {
            international = digits[...]
        } else if digits.starts(with: [0x30, 0x31, 0x31]) {
            international = digits.dropFirst(3)
        } else if digits.starts(with: [0x30, 0x30]) {
            international = digits.dropFirst(2)
        } else if digits.count == 10 {
            international = ([0x31] + digits)[...]
        } else if digits.count == 11 && digits.first == 0x31 {
            international = digits[...]
        } else {
            return invalid
        }
        guard (8...15).contains(international.count), international.first != 0x30 else { return invalid }
        if international.first == 0x31 {
            let national = Array(international.dropFirst())
            guard national.count == 10, national[0] >= 0x32, national[3] >= 0x32,
                !(national[1] == 0x31 && national[2] == 0x31)
            else { return invalid }
        }
        return .success(
            Parts(e164: "+" + String(decoding: international, as: UTF8.self), phoneExtension: phoneExtension))
    }
}

/// An e-mail address: the local part as received, the domain lower-cased.
public struct EmailAddress: Sendable, Codable, Hashable {
    public var address: String
    /// The address exactly as received.
    public var raw: String
    public var provenance: Provenance

    public init(address: String, raw: String, provenance: Provenance) {
        self.address = address
        self.raw = raw
        self.provenance = provenance
    }

    /// Normalises an e-mail address after a structural check.
    ///
    /// Rules: surrounding whitespace and a `mailto:` prefix are dropped; one `@`; a local part of
    /// 1-64 ASCII characters from RFC 5322 `atext` and dots, not starting or ending with a dot
    /// and without `..` (quoted local parts are not accepted); a domain of at least two labels of
    /// letters, digits and inner hyphens, each at most 63 characters, with an alphabetic top-level
    /// label of two or more letters (or an `xn--` label); at most 254 characters in all.
    /// Internationalised addresses (non-ASCII) are rejected. The local part keeps its case
    /// (servers may treat it case-sensitively); the domain is lower-cased.
    /// - Returns: the address, or a rejection with `email.invalid`.
    public static func normalise(_ raw: String) -> Result<String, FieldRejection> {
        let invalid = Result<String, FieldRejection>.failure(FieldRejection(.emailInvalid))
        var bytes = Array(raw.utf8)
        while let last = bytes.last, Text.isASCIIWhitespace(last) { bytes.removeLast() }
        while let first = bytes.first, Text.isASCIIWhitespace(first) { bytes.removeFirst() }
        if bytes.count > 7, String(decoding: bytes.prefix(7), as: UTF8.self).lowercased() == "mailto:" {
            bytes.removeFirst(7)
        }
        guard bytes.count <= FieldLimits.email, let at = bytes.firstIndex(of: 0x40),
            bytes.lastIndex(of: 0x40) == at
        else { return invalid }
        let local = bytes[..<at]
        let domain = bytes[(at + 1)...].map { ($0 >= 0x41 && $0 <= 0x5A) ? $0 + 0x20 : $0 }

        guard (1...64).contains(local.count), local.first != 0x2E, local.last != 0x2E,
            local.allSatisfy(isLocalPartByte)
        else { return invalid }
        for (a, b) in zip(local, local.dropFirst()) where a == 0x2E && b == 0x2E { return invalid }

        let labels = domain.split(separator: 0x2E, omittingEmptySubsequences: false)
        guard labels.count >= 2 else { return invalid }
        for label in labels {
            guard (1...63).contains(label.count), label.first != 0x2D, label.last != 0x2D,
                label.allSatisfy({ ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D })
            else { return invalid }
        }
        let top = labels[labels.count - 1]
        guard top.starts(with: Array("xn--".utf8)) || (top.count >= 2 && top.allSatisfy({ $0 >= 0x61 && $0 <= 0x7A }))
        else { return invalid }
        return .success(String(decoding: local, as: UTF8.self) + "@" + String(decoding: domain, as: UTF8.self))
    }

    /// RFC 5322 `atext` plus the dot.
    private static func isLocalPartByte(_ b: UInt8) -> Bool {
        switch b {
        case 0x41...0x5A, 0x61...0x7A, 0x30...0x39, 0x2E: true
        default: "!#$%&'*+/=?^_`{|}~-".utf8.contains(b)
        }
    }
}
