import Testing
import Domain

@Suite("Reference data: org units")
struct ReferenceDataTests {
    static let units = ReferenceData.orgUnits

    @Test func erqiHasSixteenTownshipUnits() {
        let townships = ReferenceData.children(of: "410103").filter(\.isTownship)
        #expect(townships.count == 16)
        #expect(townships.filter { $0.kind == "街道" }.count == 15)
        #expect(townships.filter { $0.kind == "镇" }.map(\.shortName) == ["马寨"])
        #expect(!townships.contains { $0.statsCode == "410103002" })  // 解放路 left in the 2023 edition
        #expect(ReferenceData.orgUnit(code: "410103016")?.shortName == "金水源")
        #expect(ReferenceData.orgUnit(code: "410103015")?.shortName == "侯寨")
    }

    @Test func jinshuiRunsSeventeenOffices() {
        let townships = ReferenceData.children(of: "410105").filter(\.isTownship)
        #expect(townships.count == 17)
        #expect(townships.allSatisfy { $0.kind == "街道" })
        let numbers = townships.compactMap { $0.statsCode.map { String($0.suffix(3)) } }
        #expect(!numbers.contains("014") && !numbers.contains("015"))  // 龙子湖, 祭城路: 郑东新区
        #expect(!numbers.contains { $0.hasPrefix("5") })
        #expect(numbers.filter { $0 <= "013" }.count == 13)
    }

    @Test func managementCommitteesNamedInTheSeeds() {
        let erqi = ReferenceData.children(of: "410103").filter { $0.kind == "管委会" }.map(\.shortName)
        #expect(erqi == ["二七经开区", "二七特色商业区", "火车站地区管委会"])
        let jinshui = ReferenceData.children(of: "410105").filter { $0.kind == "管委会" }.map(\.shortName)
        #expect(jinshui.contains("科教园区"))
        #expect(jinshui.count == 4)
        let platforms = ReferenceData.children(of: "410103").filter { $0.kind == "平台公司" }.map(\.shortName)
        #expect(platforms == ["二七投控", "数科集团"])
    }

    @Test func bureausNamedInTheSeeds() {
        let bureaus = Set(ReferenceData.children(of: "410103").filter { $0.kind == "局委" }.map(\.shortName))
        #expect(bureaus.isSuperset(of: ["发改委", "商务局", "工信局", "科技局", "统计局", "督查室", "卫健委", "文旅局", "大数据中心"]))
        #expect(ReferenceData.orgUnit(code: "410103-fgw")?.name == "二七区发展和改革委员会")
    }

    @Test func codesAreUniqueAndParentsExistAndComeFirst() {
        let codes = Self.units.map(\.unitCode)
        #expect(Set(codes).count == codes.count)
        var seen: Set<String> = []
        for unit in Self.units {
            if let parent = unit.parentCode {
                #expect(seen.contains(parent), "\(unit.unitCode) before its parent \(parent)")
            } else {
                #expect(unit.unitCode == "410000")
            }
            seen.insert(unit.unitCode)
        }
    }

    @Test func kindsAreFromTheUnitKindList() {
        #expect(Self.units.allSatisfy { CodeList.unitKind.contains($0.kind) })
        #expect(Set(Self.units.map(\.kind)) == ["省", "市", "区县", "街道", "镇", "管委会", "局委", "平台公司"])
    }

    @Test func statsCodesAreValidAndStartWithTheirDistrict() throws {
        let townships = Self.units.filter(\.isTownship)
        #expect(townships.count == 33)
        for unit in townships {
            let code = try #require(unit.statsCode)
            let stats = try StatsAreaCode(validating: code)
            #expect(stats.rawValue == unit.unitCode)
            #expect(code.hasPrefix(try #require(unit.parentCode)))
            #expect(stats.townshipClass.unitKind == unit.kind)
            #expect(unit.statsEdition == 2023)
            #expect(unit.gbt2260Code == nil)
        }
    }

    @Test func regionsCarryGBT2260Codes() throws {
        for unit in Self.units where ["省", "市", "区县"].contains(unit.kind) {
            let code = try DivisionCode(validating: try #require(unit.gbt2260Code))
            #expect(code.rawValue == unit.unitCode)
            #expect(code.parent?.rawValue == unit.parentCode)
            #expect(unit.statsCode == nil)
        }
    }

    @Test func bodiesWithoutAreaCodesUseDistrictSlugs() {
        let bodies = Self.units.filter { ["管委会", "局委", "平台公司"].contains($0.kind) }
        #expect(!bodies.isEmpty)
        for unit in bodies {
            let parts = unit.unitCode.split(separator: "-")
            #expect(parts.count == 2)
            #expect(parts.first.map(String.init) == unit.parentCode)
            #expect(parts.last?.allSatisfy { $0.isASCII && $0.isLowercase } == true)
            #expect(unit.statsCode == nil && unit.gbt2260Code == nil)
        }
    }

    @Test(arguments: ["淮河路", "淮河路街道", "淮河路街道办事处"])
    func townshipsMatchEveryNameClerksWrite(name: String) {
        #expect(ReferenceData.orgUnits(named: name, under: "410103").map(\.unitCode) == ["410103001"])
    }

    @Test func matchNamesOfTheTown() throws {
        let mazhai = try #require(ReferenceData.orgUnit(code: "410103100"))
        #expect(mazhai.matchNames == ["马寨镇人民政府", "马寨镇", "马寨"])
        #expect(mazhai.kind == "镇")
    }

    @Test func sameShortNameInTwoDistrictsStaysDistinct() {
        #expect(ReferenceData.orgUnits(named: "商务局", under: "410103").map(\.unitCode) == ["410103-swj"])
        #expect(ReferenceData.orgUnits(named: "商务局", under: "410105").map(\.unitCode) == ["410105-swj"])
    }

    @Test func lookupByStatsCode() {
        #expect(ReferenceData.orgUnit(statsCode: "410105013")?.shortName == "凤凰台")
        #expect(ReferenceData.orgUnit(statsCode: "410105013000")?.shortName == "凤凰台")
        #expect(ReferenceData.orgUnit(statsCode: "410105014") == nil)
        #expect(ReferenceData.orgUnit(statsCode: "410105013001") == nil)
        #expect(ReferenceData.orgUnit(code: "nope") == nil)
    }
}
