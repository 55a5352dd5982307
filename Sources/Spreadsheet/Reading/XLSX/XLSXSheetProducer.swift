/// Streams one worksheet's rows: `<row>` by `<row>`, cells placed by their `r` reference (sparse rows
/// filled with `.empty`), values typed by `t` and the cell style. Merged ranges after `</sheetData>` are
/// collected as the stream passes them.
final class XLSXSheetProducer: RowProducer {
    private let tokens: XMLTokenizer
    private let sheetName: String
    private let isDateStyle: [Bool]
    private let strings: SharedStrings
    private let uses1904Dates: Bool
    private let limits: ReadLimits
    private var lastRowNumber = 0
    private var cellCount = 0
    private var rowsSinceRelease = 0
    private var finished = false
    private(set) var mergesSeen: [CellRange] = []
    private var typicalWidth = 8

    init(tokens: XMLTokenizer, sheetName: String, styles: StylesPart, strings: SharedStrings, uses1904Dates: Bool, limits: ReadLimits) {
        self.tokens = tokens
        self.sheetName = sheetName
        isDateStyle = styles.isDateStyle
        self.strings = strings
        self.uses1904Dates = uses1904Dates
        self.limits = limits
    }

    private func error(_ code: SpreadsheetError.Code, row: Int?, column: Int? = nil, _ reason: String) -> SpreadsheetError {
        SpreadsheetError(code, file: tokens.fileName, sheet: sheetName, row: row, column: column, reason: reason)
    }

    func nextRow() throws -> SheetRow? {
        while !finished {
            switch try tokens.next() {
            case .endOfDocument:
                finished = true
            case .start(let name, let attributes, let selfClosing):
                if tokens.name(name, is: "row") {
                    let number = try rowNumber(attributes)
                    if selfClosing { continue }
                    let cells = try readCells(rowNumber: number)
                    rowsSinceRelease += 1
                    if rowsSinceRelease >= 20_000 { rowsSinceRelease = 0; strings.releaseResidentPages() }
                    if !cells.isEmpty { return SheetRow(number: number, cells: cells) }
                } else if tokens.name(name, is: "mergeCell") {
                    if let ref = try tokens.attributeText("ref", in: attributes), let range = CellReference.range(ref), range.lastColumn < limits.maxColumns {
                        mergesSeen.append(range)
                    }
                }
            case .end, .text, .oversizedText:
                continue
            }
        }
        return nil
    }

    private func rowNumber(_ attributes: Range<Int>) throws -> Int {
        var number = lastRowNumber + 1
        if let r = tokens.attribute("r", in: attributes) {
            var n = 0
            for i in r {
                let b = tokens.bytes[i]
                guard b >= 0x30, b <= 0x39, n <= limits.maxRows else { throw error(.xmlMalformed, row: lastRowNumber + 1, "行号无效") }
                n = n * 10 + Int(b - 0x30)
            }
            number = n
        }
        guard number >= 1, number <= limits.maxRows else {
            throw error(.tooManyRows, row: number, "行号超过 \(limits.maxRows) 行的上限")
        }
        lastRowNumber = number
        return number
    }

    /// Reads `<c>` elements up to `</row>`.
    private func readCells(rowNumber: Int) throws -> [SheetCell] {
        var cells: [SheetCell] = []
        cells.reserveCapacity(typicalWidth)
        var nextColumn = 0
        var lastFilled = -1
        while true {
            switch try tokens.next() {
            case .start(let name, let attributes, let selfClosing):
                guard tokens.name(name, is: "c") else { continue }
                var column = nextColumn
                var type: UInt8 = 0   // n
                var style = 0
                try scanCellAttributes(attributes, rowNumber: rowNumber, column: &column, type: &type, style: &style)
                guard column < limits.maxColumns else {
                    throw error(.tooManyColumns, row: rowNumber, column: column,
                                "单元格 \(CellReference.name(column: column, row: rowNumber)) 超出最后一列 XFD（共 \(limits.maxColumns) 列）")
                }
                nextColumn = column + 1
                if selfClosing { continue }
                let cell = try readCellContent(type: type, style: style, rowNumber: rowNumber, column: column)
                if case .empty = cell { continue }
                cellCount += 1
                if cellCount > limits.maxCells {
                    throw error(.tooManyCells, row: rowNumber, column: column, "工作表的非空单元格超过 \(limits.maxCells) 个的上限")
                }
                if column < cells.count {
                    cells[column] = cell
                } else {
                    if column > cells.count { cells.append(contentsOf: repeatElement(SheetCell.empty, count: column - cells.count)) }
                    cells.append(cell)
                }
                lastFilled = max(lastFilled, column)
            case .end(let name):
                if tokens.name(name, is: "row") {
                    if cells.count > lastFilled + 1 { cells.removeLast(cells.count - lastFilled - 1) }
                    if cells.count > typicalWidth { typicalWidth = cells.count }
                    return cells
                }
            case .text, .oversizedText:
                continue
            case .endOfDocument:
                throw error(.xmlMalformed, row: rowNumber, "工作表在第 \(rowNumber) 行中间结束（文件不完整）")
            }
        }
    }

    /// `r`, `s` and `t` of a `<c>`.
    @inline(__always)
    private func scanCellAttributes(_ range: Range<Int>, rowNumber: Int, column: inout Int, type: inout UInt8, style: inout Int) throws {
        let p = tokens.bytes
        var i = range.lowerBound
        let end = range.upperBound
        while i < end {
            while i < end, XMLTokenizer.isSpace(p[i]) { i += 1 }
            let nameStart = i
            while i < end, p[i] != 0x3D { i += 1 }
            let nameLength = i - nameStart
            while i < end, p[i] != 0x22, p[i] != 0x27 { i += 1 }
            guard i < end else { return }
            let quote = p[i]
            i += 1
            let valueStart = i
            while i < end, p[i] != quote { i += 1 }
            let value = valueStart..<i
            i += 1
            guard nameLength == 1 else { continue }
            switch p[nameStart] {
            case 0x72: // r
                guard let ref = CellReference.parse(p, value) else {
                    throw error(.xmlMalformed, row: rowNumber, column: column, "单元格位置无效")
                }
                column = ref.column
            case 0x73: // s
                var n = 0
                for k in value where n < 1_000_000 { n = n &* 10 &+ Int(p[k] &- 0x30) }
                style = n
            case 0x74: // t
                type = value.isEmpty ? 0 : (value.count > 1 && p[value.lowerBound] == 0x73 && p[value.lowerBound + 1] == 0x74 ? 0x53 : p[value.lowerBound])
            default:
                continue
            }
        }
    }

    /// The value inside `<c>…</c>`: `<v>`, `<is>` (inline rich text) and `<f>` (skipped: the cached `<v>` is the value).
    private func readCellContent(type: UInt8, style: Int, rowNumber: Int, column: Int) throws -> SheetCell {
        var value: String?
        var inValue = false
        var inInline = false
        var inText = false
        var phoneticDepth = 0
        var inline = ""
        var oversized = 0
        var sharedIndex = -1
        while true {
            switch try tokens.next() {
            case .start(let name, _, let selfClosing):
                if selfClosing { continue }
                if tokens.name(name, is: "v") { inValue = true; value = value ?? "" }
                else if tokens.name(name, is: "is") { inInline = true }
                else if tokens.name(name, is: "rPh") { phoneticDepth += 1 }
                else if tokens.name(name, is: "t") { inText = inInline && phoneticDepth == 0 }
            case .end(let name):
                if tokens.name(name, is: "c") {
                    if oversized > 0 { throw tooLong(oversized, rowNumber, column) }
                    if sharedIndex >= 0, !inInline { return try shared(sharedIndex, rowNumber: rowNumber, column: column) }
                    return try typed(type: type, style: style, value: inInline ? inline : value, rowNumber: rowNumber, column: column)
                }
                if tokens.name(name, is: "v") { inValue = false }
                else if tokens.name(name, is: "t") { inText = false }
                else if tokens.name(name, is: "rPh") { phoneticDepth = max(0, phoneticDepth - 1) }
            case .text(let range, let cdata):
                if inValue {
                    if type == 0x73, value?.isEmpty != false, sharedIndex < 0, let index = digits(range) {
                        sharedIndex = index   // fast path: `<v>123</v>` of a shared-string cell, no String made
                        continue
                    }
                    if sharedIndex >= 0 { value = String(sharedIndex); sharedIndex = -1 }
                    let text = try decoded(range, cdata: cdata, rowNumber: rowNumber, column: column)
                    value = value.map { $0 + text } ?? text
                } else if inText {
                    inline += try decoded(range, cdata: cdata, rowNumber: rowNumber, column: column)
                }
            case .oversizedText(let byteCount):
                if inValue || inText { oversized = max(oversized, byteCount) }
            case .endOfDocument:
                throw error(.xmlMalformed, row: rowNumber, column: column, "单元格没有结束（文件不完整）")
            }
        }
    }

    /// A short run of ASCII digits as an Int (nil if anything else is there).
    @inline(__always)
    private func digits(_ range: Range<Int>) -> Int? {
        guard !range.isEmpty, range.count <= 12 else { return nil }
        let p = tokens.bytes
        var n = 0
        for i in range {
            let d = p[i] &- 0x30
            guard d <= 9 else { return nil }
            n = n * 10 + Int(d)
        }
        return n
    }

    private func shared(_ index: Int, rowNumber: Int, column: Int) throws -> SheetCell {
        guard let text = strings.string(at: index) else {
            throw error(.xmlMalformed, row: rowNumber, column: column, "单元格引用的共享字符串「\(index)」不存在（文件已损坏）")
        }
        if !strings.tooLong.isEmpty, let length = strings.tooLong[index] { throw tooLong(length, rowNumber, column) }
        return text.isEmpty ? .empty : .text(text)
    }

    private func decoded(_ range: Range<Int>, cdata: Bool, rowNumber: Int, column: Int) throws -> String {
        do { return try tokens.text(range, cdata: cdata) } catch var e as SpreadsheetError {
            e.sheet = sheetName
            e.row = rowNumber
            e.column = column
            throw e
        }
    }

    private func tooLong(_ length: Int, _ rowNumber: Int, _ column: Int) -> SpreadsheetError {
        error(.cellTooLong, row: rowNumber, column: column,
              "单元格 \(CellReference.name(column: column, row: rowNumber)) 的文字约有 \(length) 个字符，超过 \(limits.maxCellCharacters) 个字符的上限")
    }

    private func checkLength(_ text: String, _ rowNumber: Int, _ column: Int) throws {
        if text.utf8.count > limits.maxCellCharacters {
            let units = text.utf16.count
            if units > limits.maxCellCharacters { throw tooLong(units, rowNumber, column) }
        }
    }

    private func typed(type: UInt8, style: Int, value: String?, rowNumber: Int, column: Int) throws -> SheetCell {
        guard let value else { return .empty }
        switch type {
        case 0x73: // s
            guard let index = Int(value.filter { !$0.isWhitespace }) else {
                throw error(.xmlMalformed, row: rowNumber, column: column, "单元格引用的共享字符串「\(value)」不存在（文件已损坏）")
            }
            return try shared(index, rowNumber: rowNumber, column: column)
        case 0x53, 0x69: // str (formula text), inlineStr
            try checkLength(value, rowNumber, column)
            return value.isEmpty ? .empty : .text(value)
        case 0x62: // b
            return .bool(value == "1" || value == "true")
        case 0x65: // e
            return .error(value)
        case 0x64: // d (ISO 8601)
            return ExcelDate.date(iso: value).map(SheetCell.date) ?? .text(value)
        default: // n
            if value.isEmpty { return .empty }
            try checkLength(value, rowNumber, column)
            if style > 0, style < isDateStyle.count, isDateStyle[style], let date = ExcelDate.date(serial: value, uses1904: uses1904Dates) {
                return .date(date)
            }
            return .number(value)
        }
    }
}
