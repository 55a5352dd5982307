import CentralStore
import Domain
import SyncModel
import Testing

@Suite("Checking a pushed creation's values, column by column")
struct ChangeValidatorTests {
    let site = SiteID(hex: "5b1f0c2a9e8d47f6a3b2c1d0e9f8a7b6")!
    let office = "410103001"

    var validator: ChangeValidator { ChangeValidator(catalog: .standard, office: office, replica: site) }

    func creation(_ table: String, _ values: CellValues) -> Change {
        Change(table: table, rowID: "01906b00-0000-7000-8000-000000000001", unit: "*", values: values,
               clock: HybridTimestamp(wallMillis: 1_700_000_000_000, counter: 0), site: site, office: office)
    }

    func check(_ c: Change) -> Rejection? {
        validator.check(c, index: 0, owner: nil, rowKnown: false, now: 1_700_000_000_000)
    }

    var project: CellValues {
        ["owner_unit_id": .text(office), "project_no": .text("410103001-2024-0101"), "name": .text("淮河路街道社区服务中心改造"),
         "total_invest": .integer(50_000_000), "pool": .text("谋划库"), "stage": .text("前期")]
    }

    @Test("a creation with known columns of the right types passes, whichever columns it carries")
    func goodCreation() {
        #expect(check(creation("project", project)) == nil)
        var every = CellValues()
        for f in Catalog.standard.table("project")!.fields where f.type == .text { every[f.name] = .text("x") }
        every["project_no"] = .text("410103001-2024-0102")
        #expect(check(creation("project", every)) == nil)
    }

    @Test("an unknown column is refused wherever it sorts: before, between and after the table's columns")
    func unknownColumn() {
        for name in ["AAA", "id", "nam", "name_x", "zzz", "项目名称"] {
            var v = project
            v[name] = .text("x")
            let r = check(creation("project", v))
            #expect(r?.code == "value.unknown_column", "\(name)")
            #expect(r?.reason.contains(name) == true, "\(name)")
        }
    }

    @Test("a value of the wrong type, outside its code list or a malformed date is refused, naming the field")
    func wrongTypes() {
        var v = project
        v["total_invest"] = .text("六千万")
        #expect(check(creation("project", v))?.code == "value.type")
        v = project
        v["pool"] = .text("储备库")
        #expect(check(creation("project", v))?.reason.contains("四库库别") == true)
        let enterprise: CellValues = ["uscc": .text("91410100MA9F0XXXX1"), "name": .text("河南测试科技有限公司")]
        for (date, ok) in [("2021-03-15", true), ("2021-13-01", false), ("2021-3-15", false), ("2021/03/15", false), ("２０２１-03-15", false)] {
            var e = enterprise
            e["established_on"] = .text(date)
            let r = check(creation("enterprise", e))
            #expect((r == nil) == ok, "\(date)")
            if !ok { #expect(r?.reason.contains("成立日期") == true, "\(date)") }
        }
    }

    @Test("several problems: another office as owner first, then a missing required value, then the row's owner, then bad values")
    func order() {
        var v = project
        v["name"] = nil
        v["total_invest"] = .text("六千万")
        v["zzz"] = .integer(1)
        #expect(check(creation("project", v))?.code == "value.required")
        #expect(validator.check(creation("project", v), index: 0, owner: "410103003", rowKnown: true, now: 1_700_000_000_000)?.code == "scope.not_owner")
        #expect(validator.check(creation("project", v), index: 0, owner: office, rowKnown: true, now: 1_700_000_000_000)?.code == "value.type")
        v["owner_unit_id"] = .text("410103003")
        #expect(check(creation("project", v))?.reason.contains("不能替 410103003 新增") == true)
    }

    @Test("a creation without a required value is refused; null counts as missing")
    func required() {
        var v = project
        v["name"] = nil
        #expect(check(creation("project", v))?.code == "value.required")
        v["name"] = .null
        #expect(check(creation("project", v))?.reason.contains("项目名称") == true)
    }
}
