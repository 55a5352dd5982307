public import Domain

/// A small reference registry for tests: one district with two offices and a bureau.
public enum TestUnits {
    public static let district = "410103"
    public static let huaiheRoad = "410103001"
    public static let mingongRoad = "410103003"
    public static let all: [OrgUnitSeed] = [
        OrgUnitSeed(unitCode: "410100", name: "郑州市", shortName: "郑州", kind: "市", parentCode: nil, gbt2260Code: "410100"),
        OrgUnitSeed(unitCode: district, name: "二七区", shortName: "二七", kind: "区县", parentCode: "410100", gbt2260Code: district),
        OrgUnitSeed(unitCode: huaiheRoad, name: "淮河路街道办事处", shortName: "淮河路", kind: "街道", parentCode: district,
                      statsCode: huaiheRoad, statsEdition: 2023),
        OrgUnitSeed(unitCode: mingongRoad, name: "铭功路街道办事处", shortName: "铭功路", kind: "街道", parentCode: district,
                      statsCode: mingongRoad, statsEdition: 2023),
        OrgUnitSeed(unitCode: "410103-fgw", name: "二七区发展和改革委员会", shortName: "发改委", kind: "局委", parentCode: district),
    ]
}
