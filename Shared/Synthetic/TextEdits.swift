/// Character-level edits used by corruptions: keyboard-style typos, OCR confusions and digit
/// typos. Every edit returns a string different from its input.
enum TextEdits {
    private static let lowercase = Array("abcdefghijklmnopqrstuvwxyz")

    /// One insertion, deletion, substitution or transposition of a letter (`text` has ≥ 3
    /// characters). The first letter keeps its case.
    static func typo(_ text: String, _ random: inout SyntheticRandom) -> String {
        let original = Array(text)
        while true {
            var chars = original
            switch random.below(4) {
            case 0:
                chars.insert(random.pick(lowercase), at: random.int(in: 1...chars.count))
            case 1:
                chars.remove(at: random.int(in: 1...(chars.count - 1)))
            case 2:
                let at = random.int(in: 1...(chars.count - 1))
                chars[at] = random.pick(lowercase)
            default:
                let at = random.int(in: 1...(chars.count - 2))
                chars.swapAt(at, at + 1)
            }
            if chars != original { return String(chars) }
        }
    }

    /// Whether `text` has a character an OCR confusion applies to.
    static func hasOCRCandidate(_ text: String) -> Bool {
        text.contains { char in Corruption.ocrPairs.contains { $0.0 == char } }
    }

    /// Replaces one character by its OCR confusion.
    static func ocr(_ text: String, _ random: inout SyntheticRandom) -> String {
        var chars = Array(text)
        let positions = chars.indices.filter { index in Corruption.ocrPairs.contains { $0.0 == chars[index] } }
        let at = random.pick(positions)
        let options = Corruption.ocrPairs.filter { $0.0 == chars[at] }
        chars[at] = random.pick(options).1
        return String(chars)
    }

    /// Changes one digit to another. For SSN-like values only group and serial digits change
    /// (the area stays valid) and neither becomes all zeros.
    static func digitTypo(_ text: String, ssn: Bool, _ random: inout SyntheticRandom) -> String {
        let original = Array(text)
        let positions = original.indices.filter { original[$0].isASCII && original[$0].isNumber && (!ssn || $0 >= 4) }
        guard !positions.isEmpty else { return text }
        while true {
            var chars = original
            let at = random.pick(positions)
            let digit = Character(String(random.below(10)))
            guard digit != chars[at] else { continue }
            chars[at] = digit
            let string = String(chars)
            if ssn && (string.hasSuffix("-0000") || string.dropFirst(4).hasPrefix("00")) { continue }
            return string
        }
    }
}
