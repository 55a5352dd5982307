/// `xl/styles.xml` reduced to what reading needs: for each cell style index (`s="3"`), whether it shows a date.
struct StylesPart {
    var isDateStyle: [Bool] = []

    static func read(_ tokens: XMLTokenizer) throws -> StylesPart {
        var customFormats: [Int: String] = [:]
        var styles: [Bool] = []
        var inCellXfs = false
        while true {
            switch try tokens.next() {
            case .endOfDocument:
                return StylesPart(isDateStyle: styles)
            case .start(let name, let attributes, let selfClosing):
                if tokens.name(name, is: "numFmt") {
                    if let id = try tokens.attributeText("numFmtId", in: attributes).flatMap({ Int($0) }),
                       let code = try tokens.attributeText("formatCode", in: attributes) {
                        customFormats[id] = code
                    }
                } else if tokens.name(name, is: "cellXfs") {
                    inCellXfs = !selfClosing
                } else if inCellXfs, tokens.name(name, is: "xf") {
                    let id = try tokens.attributeText("numFmtId", in: attributes).flatMap { Int($0) } ?? 0
                    let isDate = customFormats[id].map(DateFormats.isDateFormat) ?? DateFormats.isBuiltInDate(id)
                    styles.append(isDate)
                }
            case .end(let name):
                if tokens.name(name, is: "cellXfs") { inCellXfs = false }
            case .text, .oversizedText:
                continue
            }
        }
    }
}
