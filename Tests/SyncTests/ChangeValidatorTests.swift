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

    /// The refusal of `c`, checked in one go and checked as the server does (prechecked outside the store's
    /// transaction, then decided with the owner): both must agree.
    func check(_ c: Change, owner: String? = nil, rowKnown: Bool = false) -> Rejection? {
        let direct = validator.check(c, index: 0, owner: owner, rowKnown: rowKnown, now: 1_700_000_000_000)
        var request = PushRequest(batchID: "b", replica: site, seq: 1, changes: [c])
        ChangeValidator.precheck(&request, rules: ValidationRules(catalog: .standard), now: 1_700_000_000_000)
        #expect(request.prechecks?.count == 1)
        let prechecked = validator.check(request, 0, owner: owner, rowKnown: rowKnown, now: 1_700_000_000_000)
        #expect(prechecked == direct, "prechecked \(String(describing: prechecked?.code)) vs direct \(String(describing: direct?.code))")
        return direct
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

    @Test("updates and deletions: each refusal in its order, the same whether prechecked or not")
    func updatesAndDeletions() {
        func change(_ unit: String, _ values: CellValues, table: String = "project", rowID: String = "01906b00-0000-7000-8000-000000000001",
                    site: SiteID? = nil, office: String? = nil, clock: HybridTimestamp? = nil) -> Change {
            Change(table: table, rowID: rowID, unit: unit, values: values, clock: clock ?? HybridTimestamp(wallMillis: 1_700_000_000_000, counter: 0),
                   site: site ?? self.site, office: office ?? self.office, seen: unit == "-" ? [:] : nil)
        }
        let other = "410103003", ahead = HybridTimestamp(wallMillis: 1_700_000_000_000 + 2 * 86_400_000, counter: 0)
        let cases: [(Change, String?, String?)] = [
            (change("name", ["name": .text("新名称")]), office, nil),
            (change("name", ["name": .text("新名称")]), other, "scope.not_owner"),
            (change("name", ["name": .integer(3)]), office, "value.type"),
            (change("name", ["name": .integer(3)]), other, "scope.not_owner"),
            (change("name", ["stage": .text("前期")]), office, "value.unknown_column"),
            (change("no_such_unit", ["x": .text("1")]), other, "change.unknown_unit"),
            (change("owner_unit_id", ["owner_unit_id": .text(other)]), office, "scope.owner_change"),
            (change("name", ["name": .text("x")], table: "no_table"), other, "change.unknown_table"),
            (change("name", ["name": .text("x")], rowID: "bad id"), office, "change.bad_row_id"),
            (change("name", ["name": .text("x")], site: SiteID(hex: "00000000000000000000000000000001")!), office, "change.foreign_site"),
            (change("name", ["name": .text("x")], office: other), office, "change.office_mismatch"),
            (change("name", ["name": .text("x")], clock: ahead), office, "change.clock_ahead"),
            (change("name", ["name": .integer(3)], office: other, clock: ahead), office, "change.office_mismatch"),
            (change("-", [:]), office, nil),
            (change("-", [:]), other, "scope.not_owner"),
        ]
        for (c, owner, code) in cases {
            #expect(check(c, owner: owner, rowKnown: true)?.code == code, "\(c.table).\(c.unit) owner \(owner ?? "-")")
        }
    }
}
