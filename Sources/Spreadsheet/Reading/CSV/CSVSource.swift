/// A CSV file with its encoding and delimiter settled (given, or detected from its first bytes).
final class CSVSource {
    let path: String
    let fileName: String
    let encoding: TextEncoding
    let delimiter: UInt8
    private let bomLength: Int
    private let limits: ReadLimits
    static let sampleSize = 1 << 20

    init(path: String, fileName: String, options: ReadOptions) throws {
        self.path = path
        self.fileName = fileName
        limits = options.limits
        let file = try FileBytes(path: path, fileName: fileName)
        let sample = try file.read(at: 0, count: Self.sampleSize)
        let whole = Int64(sample.count) >= file.size
        if let given = options.encoding {
            encoding = given
            bomLength = Self.bom(of: given, in: sample)
        } else if let (found, bom) = CSVSniffer.encoding(sample: sample, isWholeFile: whole) {
            encoding = found
            bomLength = bom
        } else {
            let reason = sample.contains(0)
                ? "含有 NUL 字节，不是文本表格（CSV），也可能是没有 BOM 的 UTF-16 文件；请另存为 UTF-8 或 xlsx 后再导入"
                : "无法识别文件编码：既不是 UTF-8，也不是 GB18030/GBK；请确认这是文本表格（CSV），或用 --encoding 指定编码"
            throw SpreadsheetError(.encodingUnknown, file: fileName, reason: reason)
        }
        if let given = options.delimiter {
            delimiter = given
        } else {
            let body = Array(sample.dropFirst(bomLength))
            let text: [UInt8] = switch encoding {
            case .utf8: body
            case .gb18030: CSVSniffer.utf8(from: body, encoding: "GB18030", allowTruncatedEnd: true) ?? []
            case .utf16LE: CSVSniffer.utf8(from: Array(body.prefix(body.count & ~1)), encoding: "UTF-16LE", allowTruncatedEnd: true) ?? []
            case .utf16BE: CSVSniffer.utf8(from: Array(body.prefix(body.count & ~1)), encoding: "UTF-16BE", allowTruncatedEnd: true) ?? []
            }
            delimiter = CSVSniffer.delimiter(text: text, isWholeFile: whole)
        }
    }

    private static func bom(of encoding: TextEncoding, in sample: [UInt8]) -> Int {
        switch encoding {
        case .utf8: sample.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        case .utf16LE: sample.starts(with: [0xFF, 0xFE]) ? 2 : 0
        case .utf16BE: sample.starts(with: [0xFE, 0xFF]) ? 2 : 0
        case .gb18030: sample.starts(with: [0x84, 0x31, 0x95, 0x33]) ? 4 : 0
        }
    }

    func makeProducer(sheetName: String) throws -> CSVRowProducer {
        let file = try FileBytes(path: path, fileName: fileName)
        let chunks: any UTF8Chunks = encoding == .utf8
            ? try RawUTF8Chunks(file: file, skip: bomLength)
            : try IconvChunks(file: file, encoding: encoding, skip: bomLength)
        return CSVRowProducer(chunks: chunks, delimiter: delimiter, fileName: fileName, encoding: encoding, limits: limits)
    }
}
