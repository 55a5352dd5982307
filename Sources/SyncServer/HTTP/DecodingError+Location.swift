/// A short, content-free account of why a body did not decode: the JSON path and the kind of problem,
/// never the offending value (bodies hold personal data).
extension DecodingError {
    /// E.g. `changes[3].clock：类型不符`, `batch_id：缺少字段`, `不是有效的 JSON`.
    var location: String {
        switch self {
        case .typeMismatch(_, let context): Self.describe(context.codingPath, "类型不符")
        case .valueNotFound(_, let context): Self.describe(context.codingPath, "不能为空")
        case .keyNotFound(let key, let context): Self.describe(context.codingPath + [key], "缺少字段")
        case .dataCorrupted(let context):
            context.codingPath.isEmpty ? "不是有效的 JSON" : Self.describe(context.codingPath, "取值无效")
        @unknown default: "无法解析"
        }
    }

    private static func describe(_ path: [any CodingKey], _ problem: String) -> String {
        var text = ""
        for key in path {
            if let index = key.intValue, key.stringValue.hasPrefix("Index") || key.stringValue == "\(index)" {
                text += "[\(index)]"
            } else {
                text += text.isEmpty ? key.stringValue : ".\(key.stringValue)"
            }
        }
        if text.count > 80 { text = String(text.prefix(80)) + "…" }
        return text.isEmpty ? problem : "\(text)：\(problem)"
    }
}
