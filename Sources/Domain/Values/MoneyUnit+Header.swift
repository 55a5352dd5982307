extension MoneyUnit {
    /// The unit a column header or a sheet's unit line names, e.g. `总投资（万元）`, `(亿元)`,
    /// `单位：万元`; nil when it names none, names 万元 and 亿元 both, or names a unit we do not
    /// store in (`千万元`, `百万元`).
    ///
    /// Full-width brackets, colons and spaces are allowed. A bare `元` counts only as `(元)`,
    /// `【元】` or `单位:元`, so that a label merely containing 元 is not taken for a unit.
    public static func named(inHeader header: String) -> MoneyUnit? {
        let text = TextFolding.removingSpaces(TextFolding.foldWidth(header).text).text
        if ["千万元", "百万元", "十万元", "万亿元", "美元"].contains(where: { text.contains($0) }) { return nil }
        let hasWan = text.contains("万元")
        let hasYi = text.contains("亿元")
        if hasWan != hasYi { return hasWan ? .wanYuan : .yiYuan }
        if hasWan && hasYi { return nil }
        if ["(元)", "【元】", "单位:元"].contains(where: { text.contains($0) }) || text.hasSuffix("/元") { return .yuan }
        return nil
    }
}
