/// The YAML mapping file as written, before validation: every value as text, every key kept in
/// file order, and every decoding problem recorded with its key path instead of thrown, so that
/// ``ImportMapping/load(yaml:)`` can report all problems at once.
struct MappingDocument: Decodable {
    struct Entry {
        let key: String
        let value: String
    }

    struct Column {
        let name: String
        let options: [Entry]
    }

    var format: String?
    var delimiter: String?
    var header: Bool?
    var dateOrder: String?
    var nameOrder: String?
    var defaults: [Entry]?
    var columns: [Column]?
    var issues: [ImportMappingIssue] = []

    struct Key: CodingKey {
        let stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    static let topLevelKeys = ["format", "delimiter", "header", "dateOrder", "nameOrder", "defaults", "columns"]

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        for key in container.allKeys {
            let path = key.stringValue
            switch key.stringValue {
            case "format": format = text(container, key, path)
            case "delimiter": delimiter = text(container, key, path)
            case "dateOrder": dateOrder = text(container, key, path)
            case "nameOrder": nameOrder = text(container, key, path)
            case "header":
                do { header = try container.decode(Bool.self, forKey: key) } catch {
                    issues.append(ImportMappingIssue(.wrongType, at: path, "expected true or false"))
                }
            case "defaults":
                guard let nested = mapping(container, key, path) else { continue }
                defaults = nested.allKeys.compactMap { inner in
                    text(nested, inner, "\(path).\(inner.stringValue)").map { Entry(key: inner.stringValue, value: $0) }
                }
            case "columns":
                guard let nested = mapping(container, key, path) else { continue }
                columns = nested.allKeys.compactMap { column in
                    let columnPath = "\(path).\(column.stringValue)"
                    guard let options = mapping(nested, column, columnPath) else { return nil }
                    let entries = options.allKeys.compactMap { option in
                        text(options, option, "\(columnPath).\(option.stringValue)").map {
                            Entry(key: option.stringValue, value: $0)
                        }
                    }
                    return Column(name: column.stringValue, options: entries)
                }
            default:
                issues.append(
                    ImportMappingIssue(
                        .unknownKey, at: path,
                        "unknown key; expected one of \(Self.topLevelKeys.joined(separator: ", "))"))
            }
        }
    }

    private mutating func text(_ container: KeyedDecodingContainer<Key>, _ key: Key, _ path: String) -> String? {
        do { return try container.decode(String.self, forKey: key) } catch {
            issues.append(ImportMappingIssue(.wrongType, at: path, "expected a text value"))
            return nil
        }
    }

    private mutating func mapping(_ container: KeyedDecodingContainer<Key>, _ key: Key, _ path: String)
        -> KeyedDecodingContainer<Key>?
    {
        do { return try container.nestedContainer(keyedBy: Key.self, forKey: key) } catch {
            issues.append(ImportMappingIssue(.wrongType, at: path, "expected a mapping of keys to values"))
            return nil
        }
    }
}
