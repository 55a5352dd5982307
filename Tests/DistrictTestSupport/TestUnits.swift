public import Replica

/// A small reference registry for tests: one district with two offices and a bureau.
public enum TestUnits {
    public static let district = "410103"
    public static let huaiheRoad = "410103001"
    public static let mingongRoad = "410103003"
    public static let all: [ReferenceUnit] = [
        ReferenceUnit(unitCode: "410100", name: "郑州市", kind: "市", gbt2260Code: "410100"),
        ReferenceUnit(unitCode: district, name: "二七区", kind: "区县", parentCode: "410100", gbt2260Code: district),
        ReferenceUnit(unitCode: huaiheRoad, name: "淮河路街道办事处", shortName: "淮河路", kind: "街道", parentCode: district,
                      statsCode: huaiheRoad, statsEdition: 2023),
        ReferenceUnit(unitCode: mingongRoad, name: "铭功路街道办事处", shortName: "铭功路", kind: "街道", parentCode: district,
                      statsCode: mingongRoad, statsEdition: 2023),
        ReferenceUnit(unitCode: "410103-fgw", name: "二七区发展和改革委员会", shortName: "发改委", kind: "局委", parentCode: district),
    ]
}
