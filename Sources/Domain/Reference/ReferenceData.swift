/// Reference data DistrictSync ships: the organisation units of the pilot districts 二七区 (410103)
/// and 金水区 (410105), with their province and city, as DOMAIN.md §3.2–3.3 and §4.1 give them.
///
/// Township stats codes are from the 2023 edition of the 统计用区划代码. Full names of bureaus and
/// platform companies follow the usual naming of district bodies; the seeds only give short forms.
/// This is seed data for a new district database, not a live registry: renames and splits are
/// recorded in the replica (`valid_from`/`valid_to`), never by editing these lists.
public enum ReferenceData {
    /// The edition (year) of the township stats codes below.
    public static let statsEdition = 2023

    /// All shipped units, parents before children.
    public static let orgUnits: [OrgUnitSeed] = regions + erqiUnits + jinshuiUnits

    private static let byCode: [String: OrgUnitSeed] = Dictionary(
        orgUnits.map { ($0.unitCode, $0) }, uniquingKeysWith: { first, _ in first })

    /// The unit with this unit code, or nil.
    public static func orgUnit(code: String) -> OrgUnitSeed? { byCode[code] }

    /// The township unit with this 9- or 12-digit stats code (12-digit `…000` form allowed), or nil.
    public static func orgUnit(statsCode: String) -> OrgUnitSeed? {
        guard let code = try? StatsAreaCode(validating: statsCode), !code.isVillage
        else { return nil }
        return orgUnits.first { $0.statsCode == code.rawValue }
    }

    /// The direct children of a unit, in list order.
    public static func children(of code: String) -> [OrgUnitSeed] {
        orgUnits.filter { $0.parentCode == code }
    }

    /// The units under `parentCode` (direct children) that any of `name`'s match names equals,
    /// e.g. `淮河路`, `淮河路街道` or `淮河路街道办事处` under `410103`.
    public static func orgUnits(named name: String, under parentCode: String) -> [OrgUnitSeed] {
        children(of: parentCode).filter { $0.matchNames.contains(name) }
    }

    private static let regions: [OrgUnitSeed] = [
        OrgUnitSeed(unitCode: "410000", name: "河南省", shortName: "河南", kind: "省", parentCode: nil, gbt2260Code: "410000"),
        OrgUnitSeed(unitCode: "410100", name: "郑州市", shortName: "郑州", kind: "市", parentCode: "410000", gbt2260Code: "410100"),
        OrgUnitSeed(unitCode: "410103", name: "二七区", shortName: "二七", kind: "区县", parentCode: "410100", gbt2260Code: "410103"),
        OrgUnitSeed(unitCode: "410105", name: "金水区", shortName: "金水", kind: "区县", parentCode: "410100", gbt2260Code: "410105"),
    ]

    /// A 街道办事处 with its 9-digit stats code `{district}{number}`.
    static func subdistrict(_ district: String, _ number: String, _ shortName: String) -> OrgUnitSeed {
        OrgUnitSeed(
            unitCode: district + number, name: shortName + "街道办事处", shortName: shortName, kind: "街道",
            parentCode: district, statsCode: district + number, statsEdition: statsEdition)
    }

    /// A 管委会, 局委 or 平台公司 keyed `{district}-{slug}`.
    static func body(_ district: String, _ slug: String, _ kind: String, _ name: String, _ shortName: String) -> OrgUnitSeed {
        OrgUnitSeed(unitCode: district + "-" + slug, name: name, shortName: shortName, kind: kind, parentCode: district)
    }
}
