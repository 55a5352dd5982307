import Testing
import Domain

@Suite("行政区划代码 and 统计用区划代码")
struct AreaCodeTests {
    @Test(arguments: [
        ("410000", DivisionCode.Level.province, nil as String?),
        ("410100", .prefecture, "410000"),
        ("410103", .county, "410100"),
        ("410105", .county, "410100"),
        ("410171", .county, "410100"),
    ])
    func divisionLevelsAndParents(code: String, level: DivisionCode.Level, parent: String?) throws {
        let division = try DivisionCode(validating: code)
        #expect(division.level == level)
        #expect(division.parent?.rawValue == parent)
        #expect(division.province.rawValue == "410000")
    }

    @Test func divisionContainment() throws {
        let zhengzhou = try DivisionCode(validating: "410100")
        let erqi = try DivisionCode(validating: "４１０１０３")
        #expect(erqi.rawValue == "410103")
        #expect(zhengzhou.contains(erqi))
        #expect(erqi.province.contains(zhengzhou))
        #expect(!erqi.contains(zhengzhou))
        #expect(try !zhengzhou.contains(DivisionCode(validating: "410203")))
    }

    @Test(arguments: ["41010", "4101033", "41O103", "990103", "410003", ""])
    func invalidDivisionCodes(text: String) {
        let error = #expect(throws: ValueError.self) { try DivisionCode(validating: text) }
        #expect(error?.code == .divisionCodeFormat)
        #expect(DivisionCode(rawValue: text) == nil)
    }

    @Test(arguments: [
        ("410103001", StatsAreaCode.TownshipClass.subdistrict),
        ("410103100", .town),
        ("410103200", .township),
        ("410103399", .township),
        ("410105560", .special),
        ("410105401", .special),
    ])
    func townshipClasses(code: String, townshipClass: StatsAreaCode.TownshipClass) throws {
        let stats = try StatsAreaCode(validating: code)
        #expect(stats.townshipClass == townshipClass)
        #expect(!stats.isVillage)
        #expect(stats.twelveDigitForm == code + "000")
    }

    @Test func twelveDigitTownshipFormReadsAsNineDigits() throws {
        let stats = try StatsAreaCode(validating: "410103001000")
        #expect(stats.rawValue == "410103001")
        #expect(stats.townshipPart == "001")
        #expect(stats.villagePart == nil)
        #expect(stats.county.rawValue == "410103")
        #expect(stats.townshipClass.unitKind == "街道")
    }

    @Test func villageLevelCode() throws {
        let stats = try StatsAreaCode(validating: "410103001002")
        #expect(stats.isVillage)
        #expect(stats.villagePart == "002")
        #expect(stats.township.rawValue == "410103001")
        #expect(stats.nineDigitForm == "410103001")
        #expect(stats.township < stats)
    }

    @Test(arguments: ["41010300", "4101030010", "410103000", "410103600", "410100001", "41010300A", "410103000000"])
    func invalidStatsCodes(text: String) {
        let error = #expect(throws: ValueError.self) { try StatsAreaCode(validating: text) }
        #expect(error?.code == .statsCodeFormat)
    }

    @Test func rawValueInitialiserWantsCanonicalForm() {
        #expect(StatsAreaCode(rawValue: "410103001")?.townshipClass == .subdistrict)
        #expect(StatsAreaCode(rawValue: "410103001000") == nil)
        #expect(StatsAreaCode(rawValue: "410103001002")?.isVillage == true)
    }

    @Test func specialClassHasNoSingleUnitKind() {
        #expect(StatsAreaCode.TownshipClass.special.unitKind == nil)
        #expect(StatsAreaCode.TownshipClass.town.unitKind == "镇")
        #expect(StatsAreaCode.TownshipClass.allCases.compactMap(\.unitKind).allSatisfy(CodeList.unitKind.contains))
    }
}
