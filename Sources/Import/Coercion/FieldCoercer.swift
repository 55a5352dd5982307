public import Domain
public import Spreadsheet
public import SQLiteDB

/// Finds the `id` a reference cell names (`淮河路街道`, a 项目编号 …); implemented over the replica.
public protocol ReferenceResolver: AnyObject {
    func resolve(table: String, text: String) throws(CellIssue) -> String
}

/// Turns one cell into the value its field stores, or says exactly why it cannot.
public struct FieldCoercer {
    public let resolver: any ReferenceResolver

    public init(resolver: any ReferenceResolver) { self.resolver = resolver }

    /// The stored value of `cell` under `binding`; `.null` for an empty cell. `notes` receives
    /// non-fatal remarks (a legacy credit code accepted, a unit assumed).
    public func value(_ cell: SheetCell, _ binding: ColumnBinding, notes: inout [CellIssue]) throws(CellIssue) -> SQLValue {
        let field = binding.field
        if case .error(let e) = cell {
            throw CellIssue("cell.formula_error", "单元格是公式错误值 \(e)，请改为实际数值")
        }
        if case .empty = cell { return .null }
        if case .text(let t) = cell, Self.isBlank(t) { return .null }
        switch field.type {
        case .text: return .text(Self.displayText(cell))
        case .code: return try code(cell, field, notes: &notes)
        case .integer: return .integer(try integer(cell))
        case .money: return try money(cell, binding, notes: &notes)
        case .percent: return .integer(try percent(cell, binding))
        case .date:
            switch cell {
            case .date(let d):
                guard let day = CalendarDay(year: d.year, month: d.month, day: d.day) else { throw CellIssue("date.invalid", "日期不存在") }
                return .text(day.iso)
            case .number(let n):
                guard let serial = Int(NumberSpelling.plain(n) ?? ""), let day = CalendarDay(excelSerial: serial) else {
                    throw CellIssue("date.format", "数字“\(n)”不是日期；请填写 2024-05-31 或 2024年5月31日")
                }
                return .text(day.iso)
            default: return .text(try DateText.day(Self.displayText(cell)))
            }
        case .period:
            switch cell {
            case .date(let d):
                guard let day = CalendarDay(year: d.year, month: d.month, day: 1) else { throw CellIssue("period.format", "填报期无效") }
                return .text(day.isoMonth)
            case .number(let n): return .text(try DateText.period(NumberSpelling.plain(n) ?? n))
            default: return .text(try DateText.period(Self.displayText(cell)))
            }
        case .bool: return .integer(try bool(cell) ? 1 : 0)
        case .enumeration(let list): return .text(try enumeration(Self.displayText(cell), list))
        case .reference(let table): return .text(try resolver.resolve(table: table, text: Self.folded(Self.displayText(cell))))
        }
    }

    // MARK: - Types

    private func code(_ cell: SheetCell, _ field: Field, notes: inout [CellIssue]) throws(CellIssue) -> SQLValue {
        let isCredit = Self.isCreditCode(field)
        if case .number(let n) = cell {
            if isCredit {
                throw CellIssue("credit_code.number", "统一社会信用代码被Excel当成了数字（单元格里是 \(n)），末几位已丢失，无法还原。请把该列单元格格式设为“文本”，重新填写18位代码")
            }
            guard n.allSatisfy({ $0.isASCII && $0.isNumber }) else {
                throw CellIssue("code.number", "代码被Excel当成了数字（\(n)），前导零或末位可能已丢失；请把该列设为“文本”后重新填写")
            }
            return .text(n)
        }
        let text = Self.folded(Self.displayText(cell))
        guard isCredit else { return .text(text) }
        // Fast path: already the canonical 18 characters (byte-level check in Domain).
        if text.utf8.count == 18, CreditCode(rawValue: text) != nil { return .text(text) }
        do {
            let parsed = try CreditCode.parse(text)
            if parsed.isLegacy {
                notes.append(CellIssue("credit_code.legacy", "这是旧代码（\(parsed.kindName)），已按原样导入；请尽快更换为18位统一社会信用代码"))
            }
            return .text(parsed.text)
        } catch {
            throw CellIssue(error)
        }
    }

    private func integer(_ cell: SheetCell) throws(CellIssue) -> Int64 {
        var text: String
        if case .number(let n) = cell { text = NumberSpelling.plain(n) ?? n } else { text = Self.folded(Self.displayText(cell)) }
        text = text.replacingAll(",", "")
        if text.hasSuffix("年") { text.removeLast() }
        guard let value = Int64(text) else { throw CellIssue("integer.format", "应为整数（如 2024）") }
        return value
    }

    private func money(_ cell: SheetCell, _ binding: ColumnBinding, notes: inout [CellIssue]) throws(CellIssue) -> SQLValue {
        let text: String
        switch cell {
        case .number(let n): text = NumberSpelling.plain(n) ?? n
        case .text(let t): text = t
        default: throw CellIssue("money.format", "不是金额")
        }
        let unit = binding.unit ?? binding.field.unit
        if let unit, let yuan = Self.plainAmount(text, unit) { return .integer(yuan) }
        do {
            guard let reading = try Money.read(text, defaultUnit: unit) else { return .null }
            return .integer(reading.amount.yuan)
        } catch {
            throw CellIssue(error)
        }
    }

    /// The common case of an amount — ASCII digits with at most one `.`, no unit in the cell — in 元,
    /// computed exactly; nil for anything else (then `Money.read` decides, with its messages).
    static func plainAmount(_ text: String, _ unit: MoneyUnit) -> Int64? {
        let places = unit == .yuan ? 0 : unit == .wanYuan ? 4 : 8
        var whole: Int64 = 0, fraction: Int64 = 0, fractionDigits = 0, digits = 0, seenDot = false
        var trailingZeros = 0
        for b in text.utf8 {
            if b == 0x2E {
                if seenDot || digits == 0 { return nil }
                seenDot = true
            } else if b >= 0x30, b <= 0x39 {
                digits += 1
                if digits > 15 { return nil }
                if seenDot {
                    fraction = fraction * 10 + Int64(b - 0x30)
                    fractionDigits += 1
                    trailingZeros = b == 0x30 ? trailingZeros + 1 : 0
                } else {
                    whole = whole * 10 + Int64(b - 0x30)
                }
            } else {
                return nil
            }
        }
        guard digits > 0, !(seenDot && fractionDigits == 0) else { return nil }
        while fractionDigits > places, trailingZeros > 0 { fraction /= 10; fractionDigits -= 1; trailingZeros -= 1 }
        guard fractionDigits <= places else { return nil }
        var scale: Int64 = 1
        for _ in 0..<(places - fractionDigits) { scale *= 10 }
        let perUnit = unit.yuanPerUnit
        let (w, o1) = whole.multipliedReportingOverflow(by: perUnit)
        let (f, o2) = fraction.multipliedReportingOverflow(by: scale)
        let (sum, o3) = w.addingReportingOverflow(f)
        return o1 || o2 || o3 ? nil : sum
    }

    private func percent(_ cell: SheetCell, _ binding: ColumnBinding) throws(CellIssue) -> Int64 {
        var text: String
        var inPercent = binding.isPercent
        switch cell {
        case .number(let n):
            text = NumberSpelling.plain(n) ?? n
            if !inPercent { return try Self.scaled(text, by: 4) }  // Excel keeps 61.2% as 0.612
        default: text = Self.folded(Self.displayText(cell))
        }
        if text.hasSuffix("%") { text.removeLast(); inPercent = true }
        guard inPercent else { throw CellIssue("percent.ambiguous", "百分比请带“%”（如 61.2%），或在表头注明（%）") }
        return try Self.scaled(text, by: 2)
    }

    /// `digits` × 10^places, rounded half away from zero (`61.2`, 2 → 6120).
    static func scaled(_ text: String, by places: Int) throws(CellIssue) -> Int64 {
        var t = Substring(text)
        var negative = false
        if t.first == "-" { negative = true; t = t.dropFirst() }
        let parts = t.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, !parts[0].isEmpty, t.allSatisfy({ ($0.isASCII && $0.isNumber) || $0 == "." }) else {
            throw CellIssue("percent.format", "无法识别为百分比")
        }
        var fraction = parts.count == 2 ? Array(parts[1]) : []
        var roundUp = false
        if fraction.count > places { roundUp = fraction[places] >= "5"; fraction = Array(fraction.prefix(places)) }
        let digits = String(parts[0]) + String(fraction) + String(repeating: "0", count: places - fraction.count)
        guard var value = Int64(digits) else { throw CellIssue("percent.format", "百分比数值过大") }
        if roundUp { value += 1 }
        return negative ? -value : value
    }

    private func bool(_ cell: SheetCell) throws(CellIssue) -> Bool {
        if case .bool(let b) = cell { return b }
        if case .number(let n) = cell, n == "1" || n == "0" { return n == "1" }
        let text = Self.folded(Self.displayText(cell)).lowercased()
        if ["是", "y", "yes", "true", "1", "√", "✓", "是的", "有"].contains(text) { return true }
        if ["否", "n", "no", "false", "0", "×", "✗", "不是", "无"].contains(text) { return false }
        throw CellIssue("bool.format", "请填写“是”或“否”")
    }

    private func enumeration(_ raw: String, _ list: CodeList) throws(CellIssue) -> String {
        let text = Self.folded(raw)
        if list.contains(text) { return text }
        if let code = Self.codeLabels[list.name]?[text] { return code }
        if list.contains(text + "库") { return text + "库" }
        let labels = Self.codeLabels[list.name]
        let allowed = list.values.map { code in labels?.first { $0.value == code }.map { "\($0.key)（\(code)）" } ?? code }
        throw CellIssue("enum.unknown", "“\(list.name)”只能填写：\(allowed.joined(separator: "、"))")
    }

    /// Chinese labels of lists stored as ASCII codes.
    static let codeLabels: [String: [String: String]] = [
        CodeList.comparator.name: [
            "达到": "EQ", "计划": "EQ", "等于": "EQ", "以上": "GE", "不低于": "GE", "不少于": "GE", "超过": "GT", "突破": "GT", "高于": "GT",
            "不高于": "LE", "以内": "LE", "不超过": "LE", "控制在以内": "LE", "低于": "LT", "左右": "APPROX", "约": "APPROX", "区间": "RANGE",
        ]
    ]

    // MARK: - Text

    /// Whether a field holds 统一社会信用代码 (validated with ``CreditCode``).
    public static func isCreditCode(_ field: Field) -> Bool {
        field.name == "uscc" || field.name.hasSuffix("_uscc")
    }

    static func isBlank(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { $0 == " " || $0 == "\u{3000}" || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\u{A0}" }
    }

    /// What the clerk saw in the cell, as text.
    static func displayText(_ cell: SheetCell) -> String {
        switch cell {
        case .empty: ""
        case .text(let t): trimmed(t)
        case .number(let n): NumberSpelling.plain(n) ?? n
        case .bool(let b): b ? "是" : "否"
        case .date(let d): CalendarDay(year: d.year, month: d.month, day: d.day)?.iso ?? d.serial
        case .error(let e): e
        }
    }

    static func trimmed(_ text: String) -> String {
        if hasNoSpaceAtEnds(text) { return text }
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\u{3000}" || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" || $0 == "\u{A0}" }
        guard let first = text.firstIndex(where: { !isSpace($0) }), let last = text.lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(text[first...last])
    }

    /// Whether `text` is not empty and neither its first nor its last scalar is one of the spaces `trimmed`
    /// removes (space, tab, CR, LF, U+00A0, U+3000), decided on the UTF-8 bytes at its ends. A Character
    /// is one of those spaces only if it starts (and ends) with one, so then `trimmed` returns `text`.
    static func hasNoSpaceAtEnds(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { u in
            let n = u.count
            guard n > 0 else { return false }
            func isSpaceByte(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
            if isSpaceByte(u[0]) || isSpaceByte(u[n - 1]) { return false }
            if n >= 2, (u[0] == 0xC2 && u[1] == 0xA0) || (u[n - 2] == 0xC2 && u[n - 1] == 0xA0) { return false }
            if n >= 3, (u[0] == 0xE3 && u[1] == 0x80 && u[2] == 0x80) || (u[n - 3] == 0xE3 && u[n - 2] == 0x80 && u[n - 1] == 0x80) { return false }
            return true
        }
    }

    /// Full-width ASCII folded to ASCII, trimmed.
    static func folded(_ text: String) -> String {
        // Full-width ASCII is EF BC/BD xx in UTF-8, the ideographic space E3 80 80.
        guard text.utf8.contains(where: { $0 == 0xEF || $0 == 0xE3 }),
              text.unicodeScalars.contains(where: { (0xFF01...0xFF5E).contains($0.value) || $0.value == 0x3000 })
        else { return trimmed(text) }
        var out = String.UnicodeScalarView()
        for s in text.unicodeScalars {
            if (0xFF01...0xFF5E).contains(s.value) { out.append(Unicode.Scalar(s.value - 0xFEE0)!) } else if s.value == 0x3000 { out.append(" ") } else { out.append(s) }
        }
        return trimmed(String(out))
    }
}

extension String {
    func replacingAll(_ target: Character, _ replacement: String) -> String {
        guard contains(target) else { return self }
        var out = ""
        for c in self { if c == target { out += replacement } else { out.append(c) } }
        return out
    }
}
