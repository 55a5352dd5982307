/// An xlsx workbook: the zip directory, sheet list, date system, styles and shared strings, read on open.
/// Sheets themselves are streamed by `XLSXSheetProducer`.
final class XLSXWorkbook {
    let archive: ZipArchive
    let fileName: String
    let limits: ReadLimits
    let sheets: [WorkbookParts.Sheet]
    let uses1904Dates: Bool
    private let stylesPath: String?
    private let sharedStringsPath: String?
    private var styles: StylesPart?
    private var sharedStrings: SharedStrings?

    init(path: String, fileName: String, limits: ReadLimits) throws {
        self.fileName = fileName
        self.limits = limits
        archive = try ZipArchive(path: path, fileName: fileName, limits: limits)
        var workbookPath = "xl/workbook.xml"
        if archive.entries["_rels/.rels"] != nil {
            let root = try WorkbookParts.relationships(try Self.tokens(archive, "_rels/.rels", limits), baseFolder: "")
            if let office = root.first(where: { $0.type.hasSuffix("/officeDocument") }) { workbookPath = office.target }
        }
        guard archive.entries[workbookPath] != nil else {
            throw SpreadsheetError(.missingPart, file: fileName, reason: "压缩包里没有工作簿（\(workbookPath)），不是 xlsx 文件")
        }
        let folder = workbookPath.split(separator: "/").dropLast().joined(separator: "/")
        let base = workbookPath.split(separator: "/").last.map(String.init) ?? "workbook.xml"
        let relsPath = (folder.isEmpty ? "" : folder + "/") + "_rels/" + base + ".rels"
        let rels = archive.entries[relsPath] == nil ? [] : try WorkbookParts.relationships(try Self.tokens(archive, relsPath, limits), baseFolder: folder)
        let parts = try WorkbookParts.read(workbook: try Self.tokens(archive, workbookPath, limits), relationships: rels)
        guard !parts.sheets.isEmpty else {
            throw SpreadsheetError(.missingPart, file: fileName, reason: "工作簿里没有工作表")
        }
        sheets = parts.sheets
        uses1904Dates = parts.uses1904Dates
        stylesPath = parts.stylesPath ?? (archive.entries["xl/styles.xml"] != nil ? "xl/styles.xml" : nil)
        sharedStringsPath = parts.sharedStringsPath ?? (archive.entries["xl/sharedStrings.xml"] != nil ? "xl/sharedStrings.xml" : nil)
    }

    static func tokens(_ archive: ZipArchive, _ path: String, _ limits: ReadLimits) throws -> XMLTokenizer {
        guard let entry = archive.entries[path] else {
            throw SpreadsheetError(.missingPart, file: archive.fileName, reason: "压缩包里缺少部件 \(path)，文件可能已损坏")
        }
        return XMLTokenizer(source: try archive.open(entry), fileName: archive.fileName,
                            maxTextBytes: limits.maxCellCharacters * 12 + 4096)
    }

    /// Styles and shared strings, read once, on first use.
    private func loadShared() throws -> (StylesPart, SharedStrings) {
        if let styles, let sharedStrings { return (styles, sharedStrings) }
        let s = try stylesPath.map { try StylesPart.read(try Self.tokens(archive, $0, limits)) } ?? StylesPart()
        var table = SharedStrings.empty
        if let path = sharedStringsPath, let entry = archive.entries[path] {
            table = try SharedStrings.read(try Self.tokens(archive, path, limits), spillAbove: limits.sharedStringsInMemoryBytes,
                                           declaredSize: entry.uncompressedSize, maxCharacters: limits.maxCellCharacters)
        }
        styles = s
        sharedStrings = table
        return (s, table)
    }

    func makeProducer(sheetNumber: Int) throws -> XLSXSheetProducer {
        let sheet = sheets[sheetNumber - 1]
        let (styles, strings) = try loadShared()
        return XLSXSheetProducer(tokens: try Self.tokens(archive, sheet.partPath, limits), sheetName: sheet.info.name,
                                 styles: styles, strings: strings, uses1904Dates: uses1904Dates, limits: limits)
    }

    func merges(sheetNumber: Int) throws -> [CellRange] {
        let sheet = sheets[sheetNumber - 1]
        let tokens = try Self.tokens(archive, sheet.partPath, limits)
        guard try tokens.skip(to: Array("<mergeCells".utf8)) else { return [] }
        var merges: [CellRange] = []
        while true {
            switch try tokens.next() {
            case .endOfDocument: return merges
            case .start(let name, let attributes, _):
                if tokens.name(name, is: "mergeCell"), let ref = try tokens.attributeText("ref", in: attributes),
                   let range = CellReference.range(ref), range.lastColumn < limits.maxColumns {
                    merges.append(range)
                }
            case .end(let name):
                if tokens.name(name, is: "mergeCells") { return merges }
            default: continue
            }
        }
    }
}
