/// Quotes an SQL identifier (schema, table, channel name) for use in SQL text: wraps it in
/// double quotes and doubles any embedded double quote, so `a"b` becomes `"a""b"`.
///
/// Identifiers cannot be `$n` parameters, yet schema names here are configuration; quoting
/// keeps such a name from ever being read as SQL. Quoted identifiers are case-sensitive:
/// `quoteIdentifier("Ingest")` is not the schema `ingest`.
public func quoteIdentifier(_ identifier: String) -> String {
    "\"" + identifier.replacingAll("\"", with: "\"\"") + "\""
}

extension String {
    /// Replaces every occurrence of `target` (a single character) without Foundation.
    fileprivate func replacingAll(_ target: Character, with replacement: String) -> String {
        guard contains(target) else { return self }
        var output = ""
        output.reserveCapacity(utf8.count + 8)
        for character in self {
            if character == target { output += replacement } else { output.append(character) }
        }
        return output
    }
}
