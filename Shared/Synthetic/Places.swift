/// Embedded invented US places: street names, city names, and real-format USPS state codes with
/// the ZIP-prefix range of each state, plus telephone area codes.
enum Places {
    /// Invented street-name roots.
    static let streetRoots = [
        "Willowbrook", "Amberly", "Cedarline", "Foxmere", "Glenhollow", "Hazelcroft", "Ironwood", "Juniper Ridge",
        "Kestrel", "Larchmere", "Maple Hollow", "Northgate", "Orchard Vale", "Pinecrest", "Quarry Hill",
        "Riverbend", "Sycamore Glen", "Thornfield", "Upland", "Valewood", "Wrenfield", "Yellowbirch", "Ashgrove",
        "Bramblewood", "Copperleaf", "Driftstone", "Elmstead", "Fernhill", "Goldcrest", "Heronwood", "Lanternfield",
        "Millbrook", "Oakmeadow", "Partridge", "Redfern", "Silverbell", "Tanager", "Westholm",
    ]
    /// Street-type suffixes.
    static let streetSuffixes = ["St", "Ave", "Rd", "Ln", "Dr", "Ct", "Way", "Blvd", "Pl", "Ter"]
    /// Invented city names.
    static let cities = [
        "Brookhaven Falls", "Cedar Junction", "East Marlow", "Fairhollow", "Glenwick", "Harrowgate", "Kingsferry",
        "Lakemont Springs", "Millbridge", "New Carrow", "Oakridge Park", "Port Ellery", "Redstone Mills",
        "Silver Hollow", "Thornbury Heights", "Westvale", "Ashford Crossing", "Bellmoor", "Cobalt Ridge",
        "Dunmore Flats",
    ]
    /// `(USPS code, lowest ZIP prefix, highest ZIP prefix)` for a spread of states.
    static let states: [(code: String, low: Int, high: Int)] = [
        ("CA", 900, 961), ("TX", 750, 799), ("FL", 320, 349), ("NY", 100, 149), ("IL", 600, 629),
        ("NJ", 70, 89), ("GA", 300, 319), ("AZ", 850, 865), ("VA", 220, 246), ("WA", 980, 994),
        ("MA", 10, 27), ("NC", 270, 289), ("MI", 480, 499), ("PA", 150, 196), ("OH", 430, 458),
        ("MD", 206, 219), ("CO", 800, 816), ("MN", 550, 567), ("NV", 889, 898), ("OR", 970, 979),
    ]
    /// Telephone area codes used with the fictional 555-01xx line range.
    static let areaCodes = [
        "202", "212", "213", "305", "312", "404", "415", "503", "602", "617", "702", "713", "720", "804", "919",
    ]
}
