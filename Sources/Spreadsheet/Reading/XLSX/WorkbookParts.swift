/// `xl/workbook.xml` and its relationships: the sheet list (tab order, hidden state, part path) and `date1904`.
struct WorkbookParts {
    struct Sheet {
        var info: SheetInfo
        var partPath: String
    }

    var sheets: [Sheet] = []
    var uses1904Dates = false
    var sharedStringsPath: String?
    var stylesPath: String?

    /// `Relationship` targets by id, resolved against the folder of the part that owns the relationships.
    static func relationships(_ tokens: XMLTokenizer, baseFolder: String) throws -> [(id: String, type: String, target: String)] {
        var out: [(String, String, String)] = []
        while true {
            switch try tokens.next() {
            case .endOfDocument: return out
            case .start(let name, let attributes, _):
                guard tokens.name(name, is: "Relationship"),
                      let id = try tokens.attributeText("Id", in: attributes),
                      let target = try tokens.attributeText("Target", in: attributes) else { continue }
                let type = try tokens.attributeText("Type", in: attributes) ?? ""
                if (try tokens.attributeText("TargetMode", in: attributes)) == "External" { continue }
                out.append((id, type, resolve(target, in: baseFolder)))
            default: continue
            }
        }
    }

    /// `worksheets/sheet1.xml` relative to `xl/` → `xl/worksheets/sheet1.xml`; `/xl/…` is absolute; `..` walks up.
    static func resolve(_ target: String, in folder: String) -> String {
        var parts: [Substring] = target.hasPrefix("/") ? [] : folder.split(separator: "/")
        for piece in target.split(separator: "/") {
            if piece == ".." { _ = parts.popLast() } else if piece != "." { parts.append(piece) }
        }
        return parts.joined(separator: "/")
    }

    static func read(workbook tokens: XMLTokenizer, relationships: [(id: String, type: String, target: String)]) throws -> WorkbookParts {
        var parts = WorkbookParts()
        let byId = Dictionary(relationships.map { ($0.id, $0.target) }, uniquingKeysWith: { a, _ in a })
        parts.sharedStringsPath = relationships.first { $0.type.hasSuffix("/sharedStrings") }?.target
        parts.stylesPath = relationships.first { $0.type.hasSuffix("/styles") }?.target
        while true {
            switch try tokens.next() {
            case .endOfDocument:
                return parts
            case .start(let name, let attributes, _):
                if tokens.name(name, is: "workbookPr") {
                    let flag = try tokens.attributeText("date1904", in: attributes)
                    parts.uses1904Dates = flag == "1" || flag == "true"
                } else if tokens.name(name, is: "sheet") {
                    guard let sheetName = try tokens.attributeText("name", in: attributes),
                          let rid = try tokens.attributeText("id", in: attributes), let path = byId[rid] else {
                        throw tokens.malformed("工作表条目缺少名称或关系编号")
                    }
                    let visibility: SheetVisibility = switch try tokens.attributeText("state", in: attributes) {
                    case "hidden": .hidden
                    case "veryHidden": .veryHidden
                    default: .visible
                    }
                    parts.sheets.append(Sheet(info: SheetInfo(name: sheetName, number: parts.sheets.count + 1, visibility: visibility), partPath: path))
                }
            default:
                continue
            }
        }
    }
}
