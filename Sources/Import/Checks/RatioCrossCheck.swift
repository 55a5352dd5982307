public import Spreadsheet

/// Typed ratios (完成率 61.2%) are never stored — reports compute every ratio from its parts — but a typed
/// ratio that disagrees with its parts by more than its own rounding points at a wrong part, so the import
/// warns, naming both (DOMAIN.md F9: 742 ÷ 1215 is 61.07%, not the 61.2% the source printed).
///
/// Works on the file's columns, whether or not the table stores them: a monthly progress form carries
/// 年度计划投资 next to 年累 and 完成率 although progress rows store only 年累.
public struct RatioCrossCheck: Sendable {
    /// A ratio the forms type, and the labels of its parts.
    struct Rule: Sendable {
        let ratio: Set<String>
        let numerator: Set<String>
        let denominator: Set<String>
    }

    static let rules: [Rule] = [
        Rule(ratio: ["投资完成率", "年度计划完成率", "年度投资完成率", "计划完成率", "完成率", "完成比例", "年度完成率"],
             numerator: ["自年初累计完成投资", "年累", "自年初累计完成", "本年累计完成投资", "年度累计完成投资", "年初至报告期累计完成投资", "累计完成投资"],
             denominator: ["年度计划投资", "年度投资计划", "年度计划", "本年计划投资", "年度投资目标"]),
        Rule(ratio: ["目标完成率", "完成率", "完成比例", "完成进度"],
             numerator: ["累计完成值", "完成值", "累计完成"],
             denominator: ["目标值", "年度目标", "目标任务"]),
    ].map { r in Rule(ratio: Set(r.ratio.map(HeaderText.key)), numerator: Set(r.numerator.map(HeaderText.key)), denominator: Set(r.denominator.map(HeaderText.key))) }

    /// One ratio found among the file's columns with both its parts.
    struct Binding: Sendable {
        let ratio: ImportColumn
        let ratioIsPercent: Bool
        let numerator: ImportColumn
        let denominator: ImportColumn
    }

    let bindings: [Binding]

    /// Finds, among `columns`, each typed ratio whose two parts are columns too.
    public init(columns: [ImportColumn]) {
        func find(_ names: Set<String>, excluding: Set<Int> = []) -> ImportColumn? {
            columns.first { c in !excluding.contains(c.index) && HeaderText(c.label).candidates.contains { names.contains($0) } }
        }
        var found: [Binding] = []
        var used = Set<Int>()
        for rule in Self.rules {
            guard let ratio = find(rule.ratio, excluding: used), let n = find(rule.numerator), let d = find(rule.denominator) else { continue }
            used.insert(ratio.index)
            found.append(Binding(ratio: ratio, ratioIsPercent: HeaderText(ratio.label).isPercent, numerator: n, denominator: d))
        }
        bindings = found
    }

    /// Whether the file has any ratio to check.
    public var isEmpty: Bool { bindings.isEmpty }

    /// The warnings for one data row: each typed ratio further from its parts than its rounding allows.
    public func check(_ row: SheetRow, sheet: String?) -> [ImportProblem] {
        var out: [ImportProblem] = []
        for b in bindings {
            let readings = Self.readings(row[b.ratio.index], headerIsPercent: b.ratioIsPercent)
            guard let first = readings.first,
                  let n = Self.number(row[b.numerator.index]), let d = Self.number(row[b.denominator.index]), d.value != 0
            else { continue }
            let computed = n.value / d.value * 100
            // Within half a unit of the typed ratio's last digit (never finer than 0.005 points) passes.
            let off = readings.map { abs($0.percent - computed) - max($0.halfUnit, 0.005) }
            guard off.allSatisfy({ $0 > 1e-9 }) else { continue }
            let typed = zip(readings, off).min { $0.1 < $1.1 }?.0 ?? first
            out.append(ImportProblem(
                .warning, code: "import.ratio_mismatch", sheet: sheet, row: row.number, column: b.ratio.index, header: b.ratio.label,
                value: typed.text,
                reason: "填报的比例与本行数据不符：\(b.numerator.label) ÷ \(b.denominator.label) = \(n.text) ÷ \(d.text) = "
                    + "\(Self.format(computed))%（相差 \(Self.format(abs(typed.percent - computed))) 个百分点）。比例不入库，报表按数据计算；请核对这两列"))
        }
        return out
    }

    struct Typed { let percent: Double; let halfUnit: Double; let text: String }

    /// The ways to read a typed ratio, in percent: `61.2%`; `61.2` under a `(%)` header; and for a bare
    /// number up to 1.5 also the fraction it may be (0.612 — a cell formatted as a percentage stores that).
    static func readings(_ cell: SheetCell, headerIsPercent: Bool) -> [Typed] {
        var raw: String
        switch cell {
        case .text(let t): raw = HeaderText.fold(t)
        case .number(let n): raw = NumberSpelling.plain(n) ?? n
        default: return []
        }
        let text = raw
        var marked = false
        if raw.hasSuffix("%") { raw.removeLast(); marked = true }
        guard let v = Double(raw), v.isFinite else { return [] }
        let decimals = raw.split(separator: ".", omittingEmptySubsequences: false).dropFirst().first?.count ?? 0
        var half = 0.5
        for _ in 0..<decimals { half /= 10 }
        var out: [Typed] = []
        if marked || headerIsPercent || v > 1.5 { out.append(Typed(percent: v, halfUnit: half, text: text)) }
        if !marked && v <= 1.5 { out.append(Typed(percent: v * 100, halfUnit: half * 100, text: text)) }
        return out
    }

    /// A part's value as typed (units are the same for both parts of one row; `1,215` and full-width digits read).
    static func number(_ cell: SheetCell) -> (value: Double, text: String)? {
        let text: String
        switch cell {
        case .text(let t): text = String(HeaderText.fold(t).filter { $0 != "," })
        case .number(let n): text = NumberSpelling.plain(n) ?? n
        default: return nil
        }
        guard let v = Double(text), v.isFinite else { return nil }
        return (v, text)
    }

    static func format(_ v: Double) -> String {
        let hundredths = (v * 100).rounded()
        let whole = Int(hundredths) / 100, frac = abs(Int(hundredths)) % 100
        return "\(whole).\(frac < 10 ? "0" : "")\(frac)"
    }
}
