/// Dates and periods as staff type them, read exactly (no locale, no guessing).
enum DateText {
    /// `2023年6月30日`, `2023/6/30`, `2023-06-30`, `2023.6.30`, `20230630`, `2024-5-31 0:00:00`,
    /// `二〇二三年六月三十日`, or a 5-digit Excel serial (`45107`) → ISO `2023-06-30`.
    static func day(_ raw: String) throws(CellIssue) -> String {
        // Fast path: already ISO `YYYY-MM-DD`.
        if raw.utf8.count == 10 {
            let b = Array(raw.utf8)
            if b[4] == 0x2D, b[7] == 0x2D, b.enumerated().allSatisfy({ $0.offset == 4 || $0.offset == 7 || (0x30...0x39).contains($0.element) }) {
                func n(_ r: Range<Int>) -> Int { b[r].reduce(0) { $0 * 10 + Int($1 - 0x30) } }
                guard CalendarDay(year: n(0..<4), month: n(5..<7), day: n(8..<10)) != nil else {
                    throw CellIssue("date.invalid", "日期不存在（\(raw)），请核对")
                }
                return raw
            }
        }
        var text = normalise(raw)
        if let space = text.firstIndex(of: " ") {
            let time = text[text.index(after: space)...]
            guard time.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ":") }) else { throw bad(raw) }
            text = String(text[..<space])
        }
        text = chineseNumerals(text)
        let digits = text.filter { $0.isASCII && $0.isNumber }
        if digits.count == text.count {
            if text.count == 8, let day = CalendarDay(year: Int(text.prefix(4))!, month: Int(text.dropFirst(4).prefix(2))!, day: Int(text.suffix(2))!) {
                return day.iso
            }
            if (1...5).contains(text.count), let serial = Int(text), let day = CalendarDay(excelSerial: serial) { return day.iso }
            throw bad(raw)
        }
        let parts = numbers(text, separators: ["年", "月", "日", "-", "/", "."])
        if parts.count == 2, text.contains("年") || parts[0].count == 4 {
            throw CellIssue("date.no_day", "只有年月，没有日；这一列要填写具体日期（如 2024年5月31日）")
        }
        guard parts.count == 3 else { throw bad(raw) }
        guard parts[0].count == 4 else {
            throw CellIssue("date.short_year", "年份请写四位数字（如 2024年5月31日），两位年份无法确定世纪")
        }
        guard let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { throw bad(raw) }
        guard let day = CalendarDay(year: y, month: m, day: d) else {
            throw CellIssue("date.invalid", "日期不存在（\(y)年\(m)月\(d)日），请核对")
        }
        return day.iso
    }

    /// A report period: `2024.10`, `2024年10月`, `2024-10`, `202410` → `2024-10`; `2024年第三季度`,
    /// `2024Q3` → `2024-Q3`; `2024`, `2024年` → `2024`; a full date → its month.
    /// `2024.1` is refused: it is what Excel shows for a month typed `2024.10`.
    static func period(_ raw: String) throws(CellIssue) -> String {
        let text = chineseNumerals(normalise(raw)).uppercased()
        if let quarter = quarter(text) { return quarter }
        let digits = text.filter { $0.isASCII && $0.isNumber }
        if digits.count == text.count {
            if text.count == 4, let y = Int(text), (1900...9999).contains(y) { return text }
            if text.count == 6, let y = Int(text.prefix(4)), let m = Int(text.suffix(2)), let day = CalendarDay(year: y, month: m, day: 1) {
                return day.isoMonth
            }
            if text.count == 8 { return String(try day(text).prefix(7)) }
            if (1...5).contains(text.count), let serial = Int(text), let day = CalendarDay(excelSerial: serial) { return day.isoMonth }
            throw badPeriod(raw)
        }
        if text.hasSuffix("年"), text.count == 5, let y = Int(text.prefix(4)), (1900...9999).contains(y) { return String(text.prefix(4)) }
        let parts = numbers(text, separators: ["年", "月", "日", "-", "/", "."])
        if parts.count == 3 { return String(try day(text).prefix(7)) }
        guard parts.count == 2, parts[0].count == 4, let y = Int(parts[0]), let m = Int(parts[1]) else { throw badPeriod(raw) }
        if text.contains("."), parts[1] == "1" {
            throw CellIssue("period.ambiguous", "“\(raw)”可能是1月，也可能是Excel把“\(y).10”显示成了“\(y).1”；请写成 \(y)-01 或 \(y)-10（或 \(y)年10月）")
        }
        guard let day = CalendarDay(year: y, month: m, day: 1) else { throw badPeriod(raw) }
        return day.isoMonth
    }

    /// Width folded, spaces trimmed, inner runs of spaces kept as one (for a time part).
    static func normalise(_ raw: String) -> String {
        var out = ""
        var pendingSpace = false
        for scalar in raw.unicodeScalars {
            var s = scalar
            if (0xFF01...0xFF5E).contains(s.value) { s = Unicode.Scalar(s.value - 0xFEE0)! }
            if s == " " || s == "\u{3000}" || s == "\t" || s == "\u{A0}" { pendingSpace = !out.isEmpty; continue }
            if pendingSpace { out.append(" "); pendingSpace = false }
            out.unicodeScalars.append(s)
        }
        return out
    }

    private static func quarter(_ text: String) -> String? {
        // 2024Q3, 2024-Q3, 2024年第3季度, 2024年3季度
        guard text.count >= 6, let y = Int(text.prefix(4)), (1900...9999).contains(y) else { return nil }
        var rest = text.dropFirst(4)
        for prefix in ["年第", "年", "-", "第"] where rest.hasPrefix(prefix) { rest = rest.dropFirst(prefix.count); break }
        var q: Int?
        if rest.hasPrefix("Q"), rest.count == 2 { q = Int(rest.dropFirst()) }
        if rest.hasSuffix("季度"), rest.count == 3 { q = Int(rest.prefix(1)) }
        guard let q, (1...4).contains(q) else { return nil }
        return "\(y)-Q\(q)"
    }

    private static func numbers(_ text: String, separators: Set<Character>) -> [String] {
        var parts: [String] = []
        var current = ""
        for ch in text {
            if ch.isASCII && ch.isNumber {
                current.append(ch)
            } else if separators.contains(ch) {
                if !current.isEmpty { parts.append(current); current = "" }
            } else {
                return []
            }
        }
        if !current.isEmpty { parts.append(current) }
        return parts
    }

    /// `二〇二三年六月三十日` → `2023年6月30日`; text without Chinese numerals is returned unchanged.
    static func chineseNumerals(_ text: String) -> String {
        let digitOf: [Character: Int] = ["〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9]
        guard text.contains(where: { digitOf[$0] != nil || $0 == "十" }) else { return text }
        var out = ""
        var run: [Character] = []
        func flush() {
            guard !run.isEmpty else { return }
            if run.contains("十") {
                let parts = run.split(separator: "十", omittingEmptySubsequences: false)
                let tens = parts[0].isEmpty ? 1 : (digitOf[parts[0][parts[0].startIndex]] ?? 0)
                let ones = parts.count > 1 && !parts[1].isEmpty ? (digitOf[parts[1][parts[1].startIndex]] ?? 0) : 0
                out += String(tens * 10 + ones)
            } else {
                out += run.map { String(digitOf[$0] ?? 0) }.joined()
            }
            run.removeAll()
        }
        for ch in text {
            if digitOf[ch] != nil || ch == "十" { run.append(ch) } else { flush(); out.append(ch) }
        }
        flush()
        return out
    }

    private static func bad(_ raw: String) -> CellIssue {
        CellIssue("date.format", "无法识别为日期，请写成 2024-05-31、2024/5/31、2024.5.31 或 2024年5月31日")
    }

    private static func badPeriod(_ raw: String) -> CellIssue {
        CellIssue("period.format", "无法识别为填报期，请写成 2024-10、2024年10月、2024年第3季度 或 2024")
    }
}
