extension Money {
    /// An amount read from a cell, with the unit it was entered in.
    public struct Reading: Sendable, Hashable {
        /// The exact amount.
        public let amount: Money
        /// The unit the value was typed in (from the cell, else the column's default).
        public let unit: MoneyUnit
        /// Whether the unit was written in the cell itself.
        public let unitInCell: Bool
    }

    /// Reads a typed amount exactly, or returns nil for an empty cell (or `—`, `/`, `-`, `无`).
    ///
    /// Accepts `3698000`, `3,698,000`, `369.8亿`, `369.8亿元`, `3698000万元`, `-12.5万`, full-width
    /// digits and separators, spaces between number and unit (`1807 亿元`) and a leading `¥`/`￥`/
    /// `人民币`. When the cell has no unit, `defaultUnit` (from the column header or the sheet's
    /// `单位：` line) applies. Rejects — never guesses — approximate amounts (`约5亿元`, `5亿元以上`),
    /// ranges (`0.5-1亿`), scientific notation, percentages, other units (千元, 美元), a missing unit,
    /// anything not a whole number of 元 (more than 4 decimals of 万元) and overflow.
    ///
    /// - Throws: ``ValueError`` with a `money.*` code.
    public static func parse(_ text: String, defaultUnit: MoneyUnit? = nil) throws(ValueError) -> Money? {
        try read(text, defaultUnit: defaultUnit)?.amount
    }

    /// ``parse(_:defaultUnit:)`` that also reports the unit the amount was entered in.
    public static func read(_ text: String, defaultUnit: MoneyUnit? = nil) throws(ValueError) -> Reading? {
        var body = TextFolding.removingSpaces(TextFolding.foldWidth(text).text).text
        if body.isEmpty || noneMarkers.contains(body) { return nil }
        if body.hasPrefix("+") { body.removeFirst() }
        if TextFolding.isScientificNotation(body) {
            throw ValueError(.moneyScientific, "金额被Excel显示为科学计数法，无法确认精确数值。请把该列单元格格式设为“数值”或“文本”后重新填写", value: text)
        }
        if let marker = approximateMarkers.first(where: { body.contains($0) }) {
            throw ValueError(.moneyApproximate, "金额“\(marker)”表示约数，系统只接收确切金额，请填写准确数值（可在备注中说明）", value: text)
        }
        if body.contains("%") {
            throw ValueError(.moneyUnit, "这是百分比，不是金额", value: text)
        }
        for prefix in ["人民币", "¥", "\u{FFE5}"] where body.hasPrefix(prefix) { body.removeFirst(prefix.count) }
        var negative = false
        if let first = body.first, first == "-" || first == "\u{2212}" {
            negative = true
            body.removeFirst()
        }
        let numberEnd = body.firstIndex { !($0.isASCII && ($0.isNumber || $0 == "," || $0 == ".")) } ?? body.endIndex
        let number = String(body[..<numberEnd])
        let suffix = String(body[numberEnd...])
        if suffix.contains(where: { $0.isASCII && $0.isNumber }) {
            let isRange = rangeSeparators.contains { suffix.contains($0) }
            throw isRange
                ? ValueError(.moneyRange, "金额是一个区间，系统只接收确切金额，请填写一个数值", value: text)
                : ValueError(.moneyFormat, "无法识别为一个金额，请只填写一个数值及单位", value: text)
        }
        if number.isEmpty, body.contains(where: { chineseNumerals.contains($0) }) {
            throw ValueError(.moneyFormat, "金额请用阿拉伯数字填写（如 1000万元），不要用大写或汉字数字", value: text)
        }
        guard !number.isEmpty else {
            throw ValueError(.moneyFormat, "无法识别为金额，请填写数字（如 3698000 或 369.8亿元）", value: text)
        }
        let unit: MoneyUnit
        switch suffix {
        case "":
            guard let defaultUnit else {
                throw ValueError(.moneyUnitMissing, "金额没有单位，表头和“单位：”行也未注明，请注明万元、亿元或元", value: text)
            }
            unit = defaultUnit
        case "元": unit = .yuan
        case "万", "万元": unit = .wanYuan
        case "亿", "亿元": unit = .yiYuan
        default:
            throw ValueError(.moneyUnit, "不支持的金额单位“\(suffix)”，请换算为元、万元或亿元", value: text)
        }
        let magnitude = try exactYuan(number, unit: unit, original: text)
        return Reading(amount: Money(yuan: negative ? -magnitude : magnitude), unit: unit, unitInCell: !suffix.isEmpty)
    }

    /// Cell texts that mean "no amount".
    static let noneMarkers: Set<String> = ["-", "--", "—", "——", "/", "无", "\u{2013}"]
    /// Words that make an amount approximate.
    static let approximateMarkers = [
        "约", "大约", "左右", "上下", "余", "多", "近", "以上", "以下", "以内", "超过", "超", "逾", "不低于", "不少于",
        "不超过", "不足", "≈", "+",
    ]
    /// Chinese numerals, incl. the 大写 forms of contracts (`壹仟万元`).
    static let chineseNumerals = Set("零〇一二两三四五六七八九十百千壹贰叁肆伍陆柒捌玖拾佰仟")
    /// Separators of a range such as `0.5-1亿`.
    static let rangeSeparators = ["-", "\u{2014}", "\u{2013}", "~", "\u{301C}", "至", "到"]

    /// The number `number` (digits, optional thousands separators and decimals) in `unit`, as 元.
    private static func exactYuan(_ number: String, unit: MoneyUnit, original: String) throws(ValueError) -> Int64 {
        let parts = number.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let integerText = parts.first, !integerText.isEmpty,
              parts.count == 1 || !parts[1].isEmpty, !(parts.count == 2 && parts[1].contains(","))
        else {
            throw ValueError(.moneyFormat, "金额的小数点或数字有误，请核对", value: original)
        }
        let groups = integerText.split(separator: ",", omittingEmptySubsequences: false)
        if groups.count > 1 {
            let valid = (1...3).contains(groups[0].count) && groups.dropFirst().allSatisfy { $0.count == 3 }
            guard valid else {
                throw ValueError(.moneyFormat, "金额的千位分隔符位置不对（应每三位一个逗号），请核对", value: original)
            }
        }
        var fraction = parts.count == 2 ? Array(parts[1]) : []
        while fraction.last == "0" { fraction.removeLast() }
        let places = unit.decimalExponent
        guard fraction.count <= places else {
            let rule = places == 0 ? "以元为单位不能有小数" : "以\(unit.rawValue)为单位最多\(places)位小数"
            throw ValueError(.moneyNotExact, "金额精确到元：\(rule)，请核对", value: original)
        }
        let digits = groups.joined() + String(fraction) + String(repeating: "0", count: places - fraction.count)
        var value: Int64 = 0
        for character in digits {
            guard let digit = character.wholeNumberValue else {
                throw ValueError(.moneyFormat, "金额中有无法识别的字符", value: original)
            }
            let (times10, o1) = value.multipliedReportingOverflow(by: 10)
            let (next, o2) = times10.addingReportingOverflow(Int64(digit))
            guard !o1, !o2 else {
                throw ValueError(.moneyOverflow, "金额过大，超出可存储范围，请核对单位是否填错", value: original)
            }
            value = next
        }
        return value
    }
}
