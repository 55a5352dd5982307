import Domain
import Spreadsheet
import SQLiteDB
import Testing
@testable import Import

/// A resolver for tests that need no replica.
final class NoReferences: ReferenceResolver {
    func resolve(table: String, text: String) throws(CellIssue) -> String { "\(table):\(text)" }
}

@Suite("Value coercion: each rule with exact values")
struct CoercionTests {
    let coercer = FieldCoercer(resolver: NoReferences())

    func binding(_ table: Table, _ field: String, header: String? = nil, unitLine: String? = nil) -> ColumnBinding {
        let label = header ?? table.field(field)!.label
        let mapping = CatalogMatcher.map([ImportColumn(index: 0, label: label)], to: table, unitLine: unitLine)
        return mapping.bindings.first { $0.field.name == field }!
    }

    func value(_ cell: SheetCell, _ b: ColumnBinding) throws(CellIssue) -> SQLValue {
        var notes: [CellIssue] = []
        return try coercer.value(cell, b, notes: &notes)
    }

    @Test("amounts: unit from header, parent header, unit line or cell; exact integer 元",
          arguments: [
            ("总投资（万元）", nil, "150000", 1_500_000_000),
            ("总投资（万元）", nil, "1.5亿", 150_000_000),
            ("总投资（万元）", nil, "15,000万元", 150_000_000),
            ("总投资(亿元)", nil, "1.5亿元", 150_000_000),
            ("总投资（亿元）", nil, "369.8", 36_980_000_000),
            ("投资情况（万元）/总投资", nil, "618.2", 6_182_000),
            ("总投资", "单位：亿元", "10.1", 1_010_000_000),
            ("总投资", nil, "１２３", 1_230_000),
            ("总投资（万元）", nil, "0.0001", 1),
          ] as [(String, String?, String, Int64)])
    func amounts(header: String, unitLine: String?, text: String, yuan: Int64) throws {
        let b = binding(.project, "total_invest", header: header, unitLine: unitLine)
        #expect(try value(.text(text), b) == .integer(yuan))
    }

    @Test("amount number cells: Excel float noise rounded to 15 digits, never binary arithmetic")
    func amountNumbers() throws {
        let b = binding(.project, "total_invest", header: "总投资（亿元）")
        #expect(try value(.number("1291.0599999999999"), b) == .integer(129_106_000_000))
        #expect(try value(.number("1.5E+2"), b) == .integer(15_000_000_000))
        #expect(throws: CellIssue.self) { try value(.text("约5亿元"), b) }
        #expect(throws: CellIssue.self) { try value(.text("0.5-1亿"), b) }
    }

    @Test("dates as typed", arguments: [
        ("2023年6月30日", "2023-06-30"), ("2023/6/30", "2023-06-30"), ("2023-06-30", "2023-06-30"), ("2023.6.30", "2023-06-30"),
        ("20230630", "2023-06-30"), ("45107", "2023-06-30"), ("2024-5-31 0:00:00", "2024-05-31"), ("２０２３年６月３０日", "2023-06-30"),
        ("二〇二三年六月三十日", "2023-06-30"), ("2024/2/29", "2024-02-29"),
    ])
    func dates(text: String, iso: String) throws {
        #expect(try value(.text(text), binding(.project, "actual_start")) == .text(iso))
    }

    @Test("date cells: Excel serials and SheetDate")
    func dateCells() throws {
        let b = binding(.project, "actual_start")
        #expect(try value(.number("45443"), b) == .text("2024-05-31"))
        #expect(try value(.date(SheetDate(year: 2024, month: 5, day: 31, serial: "45443")), b) == .text("2024-05-31"))
    }

    @Test("impossible or partial dates are refused", arguments: ["2023/2/29", "2024年5月", "24.5.31", "明年"])
    func badDates(text: String) {
        #expect(throws: CellIssue.self) { try value(.text(text), binding(.project, "actual_start")) }
    }

    @Test("periods: 2024.10 is October, 2024.1 is ambiguous", arguments: [
        ("2024.10", "2024-10"), ("2024年10月", "2024-10"), ("2024-10", "2024-10"), ("202410", "2024-10"), ("2024/3", "2024-03"),
        ("2024年第3季度", "2024-Q3"), ("2024Q3", "2024-Q3"), ("2024", "2024"), ("2024年", "2024"), ("2024.01", "2024-01"),
    ])
    func periods(text: String, period: String) throws {
        #expect(try value(.text(text), binding(.projectProgress, "period")) == .text(period))
    }

    @Test("a month that Excel turned into 2024.1 is reported, not guessed")
    func ambiguousMonth() throws {
        let b = binding(.projectProgress, "period")
        #expect(throws: CellIssue("period.ambiguous", "“2024.1”可能是1月，也可能是Excel把“2024.10”显示成了“2024.1”；请写成 2024-01 或 2024-10（或 2024年10月）")) {
            try value(.number("2024.1"), b)
        }
        #expect(try value(.number("2024.11"), b) == .text("2024-11"))
    }

    @Test("codes stay text: leading zeros, full-width folded, credit codes validated")
    func codes() throws {
        #expect(try value(.text("0012"), binding(.project, "project_no")) == .text("0012"))
        #expect(try value(.text("４１０１０３００１－２０２４－０００１"), binding(.project, "project_no")) == .text("410103001-2024-0001"))
        let uscc = binding(.enterprise, "uscc")
        #expect(try value(.text("91410103ma9g5xk10c"), uscc) == .text("91410103MA9G5XK10C"))
        #expect(try value(.text("９１４１０１０３ＭＡ９Ｇ５ＸＫ１０Ｃ"), uscc) == .text("91410103MA9G5XK10C"))
        #expect(throws: CellIssue.self) { try value(.text("91410103MA9G5XK10D"), uscc) }
        do {
            _ = try value(.number("9.14101E+17"), uscc)
            Issue.record("a credit code that arrived as a number must be refused")
        } catch {
            #expect(error.code == "credit_code.number")
            #expect(error.reason.contains("当成了数字"))
        }
    }

    @Test("code lists: Chinese labels to codes; unknown values list the allowed ones")
    func codeLists() throws {
        #expect(try value(.text("不低于"), binding(.target, "comparator")) == .text("GE"))
        #expect(try value(.text("谋划"), binding(.project, "pool")) == .text("谋划库"))
        do {
            _ = try value(.text("储备库"), binding(.project, "pool"))
            Issue.record("unknown pool accepted")
        } catch {
            #expect(error.reason == "“四库库别”只能填写：谋划库、招引库、签约库、落地库、已出库")
        }
    }

    @Test("integers, booleans, percentages")
    func scalars() throws {
        #expect(try value(.text("2023年"), binding(.project, "start_year")) == .integer(2023))
        #expect(try value(.text("是"), binding(.project, "in_stats")) == .integer(1))
        #expect(try value(.bool(false), binding(.project, "in_stats")) == .integer(0))
        #expect(try FieldCoercer.scaled("61.2", by: 2) == 6120)
        #expect(try FieldCoercer.scaled("0.61234", by: 4) == 6123)
    }

    @Test("header matching: width, spaces, brackets, units, parent/child, English names")
    func headers() {
        let t = HeaderText("投资情况（万元）/总 投 资")
        #expect(t.segments == ["投资情况", "总投资"])
        #expect(t.moneyUnit == .wanYuan)
        #expect(HeaderText("总投资【亿元】").moneyUnit == .yiYuan)
        #expect(HeaderText("1—5月累计完成投资").segments == ["自年初累计完成投资"])
        let columns = ["项目编号", "项目 名称", "Total Invest", "所属轴/板块", "开工情况/实际开工时间", "甲方"].enumerated().map { ImportColumn(index: $0.offset, label: $0.element) }
        let m = CatalogMatcher.map(columns, to: .project)
        #expect(m.bindings.map(\.field.name) == ["project_no", "name", "total_invest", "axis", "actual_start"])
        #expect(m.unknown.map(\.label) == ["甲方"])
        #expect(m.missingRequired.isEmpty)
        let missing = CatalogMatcher.map(Array(columns.prefix(1)), to: .project)
        #expect(missing.missingRequired.map(\.label) == ["项目名称"])
    }

    @Test("the table is inferred from the header")
    func inference() {
        func infer(_ labels: [String]) -> String? {
            CatalogMatcher.inferTable(labels.enumerated().map { ImportColumn(index: $0.offset, label: $0.element) }, catalog: .standard).best?.name
        }
        #expect(infer(["项目编号", "项目名称", "总投资（万元）", "四库库别"]) == "project")
        #expect(infer(["项目编号", "填报期", "本月完成投资", "1-5月累计完成投资"]) == "project_progress")
        #expect(infer(["统一社会信用代码", "企业名称", "属地单位", "注册资本（万元）"]) == "enterprise")
        #expect(infer(["签约编号", "项目名称", "签约日期", "签约额（亿元）"]) == "signing")
        #expect(infer(["线索编号", "线索名称", "线索来源"]) == "lead")
        #expect(infer(["甲", "乙"]) == nil)
    }
}

@Suite("Credit codes with an E between digits are codes, not Excel scientific notation")
struct CreditCodeLetterETests {
    @Test("valid 18-character codes containing E are accepted", arguments: ["91410105731686E683", "9141010513861E1091"])
    func letterE(code: String) throws {
        #expect(try CreditCode.parse(code).text == code)
    }

    @Test("Excel's short scientific display is still refused")
    func scientific() {
        #expect(throws: ValueError.self) { try CreditCode.parse("9.14101E+17") }
    }
}
