/// RFC 4180 records from UTF-8 chunks: quoted fields with delimiters, doubled quotes and line breaks inside,
/// CRLF / LF / CR line ends, ragged rows. Holds one chunk plus the record being parsed.
final class CSVRowProducer: RowProducer {
    private let chunks: any UTF8Chunks
    private let delimiter: UInt8
    private let fileName: String
    private let encoding: TextEncoding
    private let limits: ReadLimits
    private var buffer: [UInt8] = []
    private var position = 0
    private var atEnd = false
    private var recordNumber = 0
    private var scratch: [UInt8] = []
    private var typicalWidth = 8
    /// A record longer than this is refused (an unclosed quote swallowing the rest of the file, or a hostile file).
    static let maxRecordBytes = 64 << 20

    var mergesSeen: [CellRange] { [] }
    var fractionRead: Double? { chunks.fractionRead }

    init(chunks: any UTF8Chunks, delimiter: UInt8, fileName: String, encoding: TextEncoding, limits: ReadLimits) {
        self.chunks = chunks
        self.delimiter = delimiter
        self.fileName = fileName
        self.encoding = encoding
        self.limits = limits
    }

    func nextRow() throws -> SheetRow? {
        while true {
            guard let cells = try nextRecord() else { return nil }
            if !cells.isEmpty { return SheetRow(number: recordNumber, cells: cells) }
        }
    }

    private enum Outcome {
        case record([SheetCell], end: Int)
        case needMore
    }

    private func nextRecord() throws -> [SheetCell]? {
        while true {
            if position >= buffer.count {
                if atEnd { return nil }
                try refill()
                continue
            }
            switch try parseRecord() {
            case .record(let cells, let end):
                position = end
                recordNumber += 1
                return cells
            case .needMore:
                if atEnd { throw SpreadsheetError(.encodingInvalid, file: fileName, row: recordNumber + 1, reason: "内部错误：记录未结束") }
                if buffer.count - position > Self.maxRecordBytes {
                    throw SpreadsheetError(.cellTooLong, file: fileName, row: recordNumber + 1,
                                           reason: "这一行超过 64 MB（可能有未闭合的引号 \"），无法读取")
                }
                try refill()
            }
        }
    }

    private func refill() throws {
        if position > 0 {
            buffer.removeSubrange(0..<position)
            position = 0
        }
        do {
            if !(try chunks.append(to: &buffer)) { atEnd = true }
        } catch var error as SpreadsheetError {
            // Bytes before the bad ones are in the buffer; the bad ones are in the row after the complete lines.
            error.row = recordNumber + 1 + buffer[position...].reduce(0) { $1 == 0x0A ? $0 + 1 : $0 }
            throw error
        }
    }

    private func parseRecord() throws -> Outcome {
        let eof = atEnd
        let delimiter = self.delimiter
        return try buffer.withUnsafeBufferPointer { p -> Outcome in
            let n = p.count
            var i = position
            var cells: [SheetCell] = []
            cells.reserveCapacity(typicalWidth)
            var lastFilled = -1
            while true {
                var cell: SheetCell
                if i < n, p[i] == 0x22 {
                    i += 1
                    scratch.removeAll(keepingCapacity: true)
                    var segment = i
                    var closed = false
                    while !closed {
                        while i < n, p[i] != 0x22 { i += 1 }
                        if i >= n {
                            guard eof else { return .needMore }
                            scratch.append(contentsOf: p[segment..<n])   // unclosed quote at the end: keep the text
                            break
                        }
                        scratch.append(contentsOf: p[segment..<i])
                        if i + 1 < n {
                            if p[i + 1] == 0x22 { scratch.append(0x22); i += 2; segment = i } else { i += 1; closed = true }
                        } else {
                            guard eof else { return .needMore }
                            i += 1
                            closed = true
                        }
                    }
                    // Text after the closing quote (`"a"b`) is kept, as spreadsheet programs do.
                    while i < n, p[i] != delimiter, p[i] != 0x0A, p[i] != 0x0D { scratch.append(p[i]); i += 1 }
                    if i >= n, !eof { return .needMore }
                    cell = try makeCell(UnsafeBufferPointer(rebasing: scratch.withUnsafeBufferPointer { $0 }[...]), column: cells.count)
                } else {
                    let start = i
                    while i < n {
                        let b = p[i]
                        if b == delimiter || b == 0x0A || b == 0x0D { break }
                        i += 1
                    }
                    if i >= n, !eof { return .needMore }
                    cell = try makeCell(UnsafeBufferPointer(rebasing: p[start..<i]), column: cells.count)
                }
                if case .empty = cell {} else { lastFilled = cells.count }
                cells.append(cell)
                if cells.count > limits.maxColumns {
                    throw SpreadsheetError(.tooManyColumns, file: fileName, row: recordNumber + 1,
                                           reason: "这一行超过 \(limits.maxColumns) 列")
                }
                if i >= n { break }
                let b = p[i]
                if b == delimiter { i += 1; continue }
                if b == 0x0D {
                    if i + 1 < n { i += p[i + 1] == 0x0A ? 2 : 1 } else if eof { i += 1 } else { return .needMore }
                } else {
                    i += 1
                }
                break
            }
            cells.removeLast(cells.count - lastFilled - 1)
            if cells.count > typicalWidth { typicalWidth = cells.count }
            return .record(cells, end: i)
        }
    }

    private func makeCell(_ bytes: UnsafeBufferPointer<UInt8>, column: Int) throws -> SheetCell {
        if bytes.isEmpty { return .empty }
        if bytes.count > limits.maxCellCharacters {
            let characters = bytes.reduce(0) { $1 & 0xC0 == 0x80 ? $0 : $0 + 1 }
            if characters > limits.maxCellCharacters {
                throw SpreadsheetError(.cellTooLong, file: fileName, row: recordNumber + 1, column: column,
                                       reason: "单元格文字有 \(characters) 个字符，超过 \(limits.maxCellCharacters) 个字符的上限")
            }
        }
        guard let text = StrictUTF8.string(bytes) else {
            throw SpreadsheetError(.encodingInvalid, file: fileName, row: recordNumber + 1, column: column,
                                   reason: "含有不是 UTF-8 的字节（按文件开头判断为 UTF-8 编码）；如果文件是 GBK/GB18030 编码，请用 --encoding gb18030 指定")
        }
        return .text(text)
    }
}
