/// How to read a file. The defaults suit every file an office sends; tests lower the limits.
public struct ReadOptions: Sendable {
    /// CSV only: the text encoding, or nil to detect it (BOM, then strict UTF-8, then GB18030).
    public var encoding: TextEncoding?
    /// CSV only: the field separator (`,` `\t` `;`), or nil to detect it from the first lines.
    public var delimiter: UInt8?
    public var limits: ReadLimits

    public init(encoding: TextEncoding? = nil, delimiter: UInt8? = nil, limits: ReadLimits = ReadLimits()) {
        self.encoding = encoding
        self.delimiter = delimiter
        self.limits = limits
    }
}

/// Bounds against hostile files. Each one, when crossed, is a clear `SpreadsheetError`.
public struct ReadLimits: Sendable {
    /// Entries in an xlsx (zip) directory.
    public var maxZipEntries = 10_000
    /// Unpacked bytes over all parts read from one xlsx.
    public var maxUnpackedBytes: Int64 = 8 << 30
    /// Unpacked ÷ packed bytes of one zip entry, checked while inflating once `ratioFloorBytes` are out.
    public var maxCompressionRatio = 200
    public var ratioFloorBytes: Int64 = 4 << 20
    /// Non-empty cells in one sheet.
    public var maxCells = 100_000_000
    /// Characters in one cell (Excel's own limit).
    public var maxCellCharacters = 32_767
    /// Columns A…XFD.
    public var maxColumns = 16_384
    /// Rows 1…1,048,576 (xlsx); CSV rows are unbounded.
    public var maxRows = 1_048_576
    /// A shared-string table whose XML is larger than this is kept in a memory-mapped temporary file
    /// instead of the heap (keeps a 1M-row workbook under 100 MB resident).
    public var sharedStringsInMemoryBytes: Int64 = 48 << 20

    public init() {}
}

/// Text encodings a CSV may come in.
public enum TextEncoding: String, Sendable, Hashable, CaseIterable {
    case utf8 = "utf-8"
    case gb18030 = "gb18030"
    case utf16LE = "utf-16le"
    case utf16BE = "utf-16be"

    /// Parses `utf8`, `UTF-8`, `gbk`, `gb2312`, `gb18030`, `utf-16le`, … (GBK and GB2312 read as GB18030, their superset).
    public init?(name: String) {
        let n = name.lowercased().replacingOccurrences(of: "_", with: "-")
        switch n {
        case "utf-8", "utf8", "utf-8-sig": self = .utf8
        case "gb18030", "gbk", "gb2312", "cp936", "gb-18030": self = .gb18030
        case "utf-16le", "utf16le", "utf-16-le": self = .utf16LE
        case "utf-16be", "utf16be", "utf-16-be": self = .utf16BE
        default: return nil
        }
    }

    /// The name shown to users.
    public var displayName: String {
        switch self {
        case .utf8: "UTF-8"
        case .gb18030: "GB18030"
        case .utf16LE: "UTF-16LE"
        case .utf16BE: "UTF-16BE"
        }
    }
}
