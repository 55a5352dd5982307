/// One organisation unit as shipped in the reference data, before it has a replica `id`.
///
/// `unitCode` is the stable natural key of ``Table/orgUnit``:
/// - 省/市/区县: the 6-digit GB/T 2260 code (`410103`);
/// - 街道/镇/乡: the 9-digit 统计用区划代码 of the edition in `statsEdition` (`410103001`);
/// - 管委会, 局委 and 平台公司, which have neither: `{district 6-digit code}-{ASCII slug}`
///   (`410103-fgw` for 二七区发改委). The slug is a short pinyin abbreviation chosen once here and
///   never reused; it does not depend on a unit's 统一社会信用代码, which the seeds do not give and
///   which can be added as a column later without changing keys.
///
/// A township keeps its unit code when a later edition renumbers it: the stats code and edition
/// are separate, updatable attributes.
public struct OrgUnitSeed: Sendable, Hashable {
    /// The natural key (see the type's documentation).
    public let unitCode: String
    /// Full name, e.g. `淮河路街道办事处`, `二七区商务局`.
    public let name: String
    /// The name clerks write, e.g. `淮河路`, `商务局`.
    public let shortName: String
    /// A ``CodeList/unitKind`` value: 省, 市, 区县, 街道, 镇, 乡, 管委会, 局委 or 平台公司.
    public let kind: String
    /// The parent's `unitCode`; nil for the province.
    public let parentCode: String?
    /// The GB/T 2260 code, for 省/市/区县.
    public let gbt2260Code: String?
    /// The 9-digit 统计用区划代码, for 街道/镇/乡.
    public let statsCode: String?
    /// The edition (year) of `statsCode`.
    public let statsEdition: Int?

    public init(
        unitCode: String, name: String, shortName: String, kind: String, parentCode: String?,
        gbt2260Code: String? = nil, statsCode: String? = nil, statsEdition: Int? = nil
    ) {
        self.unitCode = unitCode
        self.name = name
        self.shortName = shortName
        self.kind = kind
        self.parentCode = parentCode
        self.gbt2260Code = gbt2260Code
        self.statsCode = statsCode
        self.statsEdition = statsEdition
    }

    /// Whether the unit is a 街道, 镇 or 乡 (a "township unit" in the statistics).
    public var isTownship: Bool { ["街道", "镇", "乡"].contains(kind) }

    /// Every name an importer should match for this unit, longest first: the full name, the
    /// statistics-list name (`淮河路街道`, `马寨镇`) and the short name.
    public var matchNames: [String] {
        var names = [name]
        if isTownship, !shortName.hasSuffix(kind) { names.append(shortName + kind) }
        names.append(shortName)
        var seen = Set<String>()
        return names.filter { seen.insert($0).inserted }.sorted { $0.count > $1.count }
    }
}
