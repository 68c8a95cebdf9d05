import Crypto
import Foundation

/// Deterministic event ids.
///
/// An event produced while handling message M gets an id derived from M's id, the event
/// type and a discriminator (its position, or a business key). Handling M again after a
/// crash therefore produces the same ids, so a re-publish carries the same id and every
/// consumer's inbox recognises it. The id has the UUID text form (version 8, RFC 9562)
/// built from SHA-256, so it is as collision-resistant as a random UUID.
public enum EventID {
    public static func derive(from parent: String, type: String, discriminator: String = "0") -> String {
        var hasher = SHA256()
        for part in [parent, type, discriminator] {
            hasher.update(data: Array(part.utf8))
            hasher.update(data: [0])  // a separator no part contains, so ("ab","c") ≠ ("a","bc")
        }
        var bytes = Array(hasher.finalize().prefix(16))
        bytes[6] = (bytes[6] & 0x0F) | 0x80  // version 8
        bytes[8] = (bytes[8] & 0x3F) | 0x80  // RFC 9562 variant
        return uuidString(bytes)
    }

    /// A fresh random id, for events that start a chain (an HTTP request, an upstream feed line).
    public static func random() -> String { UUID().uuidString.lowercased() }

    /// The canonical lowercase 8-4-4-4-12 form. Written byte by byte: `String(format:)` per byte
    /// made this a visible share of every consumer's CPU (each handled message derives ids).
    static func uuidString(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        return String(unsafeUninitializedCapacity: 36) { buffer in
            var at = 0
            for (index, byte) in bytes.prefix(16).enumerated() {
                if index == 4 || index == 6 || index == 8 || index == 10 {
                    buffer[at] = UInt8(ascii: "-")
                    at += 1
                }
                buffer[at] = digits[Int(byte >> 4)]
                buffer[at + 1] = digits[Int(byte & 0x0F)]
                at += 2
            }
            return at
        }
    }
}
