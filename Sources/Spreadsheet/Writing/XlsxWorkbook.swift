internal import CDistrictXlsx
#if canImport(Glibc)
import Glibc
#endif

/// A workbook being written with libxlsxwriter: the one place in DistrictSync that creates xlsx files.
///
/// Everything passed in is checked in Swift first (sheet names, lengths, ranges, merge overlaps, the
/// constant-memory row order), because 1.1.4 accepts some invalid input silently and crashes on other.
/// Styles are cached: each distinct ``CellStyle`` becomes one C format. `close()` must be called; a
/// workbook dropped without it is discarded and writes nothing. The file is written beside `path` under a
/// temporary name and renamed into place only when complete, so a full disk or a failed write never
/// leaves a truncated workbook (nor replaces an earlier file with one). Not thread-safe.
public final class XlsxWorkbook {
    /// How the workbook is written.
    public struct Options: Sendable, Hashable {
        /// Flush each row when a later row is written: constant memory, rows in order, no going back.
        public var constantMemory: Bool
        /// Directory for libxlsxwriter's temporary files (default: the system's).
        public var tmpdir: String?
        /// The creation time stored in the file (seconds since 1970). Fix it to make output byte-reproducible.
        public var createdAt: Int?

        public init(constantMemory: Bool = false, tmpdir: String? = nil, createdAt: Int? = nil) {
            self.constantMemory = constantMemory
            self.tmpdir = tmpdir
            self.createdAt = createdAt
        }
    }

    public let path: String
    /// Where libxlsxwriter writes until `close()` renames the finished file to `path`.
    let partialPath: String
    public let options: Options
    /// Document properties written at `close()`.
    public var properties = DocumentProperties()
    private var handle: UnsafeMutablePointer<lxw_workbook>?
    private var tmpdirCString: UnsafeMutablePointer<CChar>?
    private var formats: [CellStyle: UnsafeMutablePointer<lxw_format>] = [:]
    private var sheetNames: Set<String> = []
    private var definedNames: Set<String> = []
    public private(set) var worksheets: [XlsxWorksheet] = []

    /// Starts a workbook at `path` (the file is written at `close()`).
    public init(path: String, options: Options = Options()) throws {
        self.path = path
        partialPath = "\(path).\(getpid())-\(UInt32.random(in: 0...UInt32.max)).part"
        self.options = options
        guard !path.isEmpty, !path.utf8.contains(0) else { throw XlsxError(.invalidArgument, "输出文件名为空或无效") }
        var c = lxw_workbook_options()
        c.constant_memory = options.constantMemory ? 1 : 0
        if let dir = options.tmpdir {
            tmpdirCString = strdup(dir)
            c.tmpdir = tmpdirCString
        }
        handle = workbook_new_opt(partialPath, &c)
        guard handle != nil else {
            free(tmpdirCString)
            throw XlsxError(.lxwCreatingXlsxFile, "无法创建文件 \(path)")
        }
    }

    deinit {
        // A workbook never closed is discarded: its C memory is freed and no file is written.
        if let handle { lxw_workbook_free(handle) }
        free(tmpdirCString)
    }

    private func live() throws -> UnsafeMutablePointer<lxw_workbook> {
        guard let handle else { throw XlsxError(.closed, "工作簿 \(path) 已关闭") }
        return handle
    }

    /// Adds a worksheet. The name must be legal and unique (case-insensitive, as Excel compares).
    public func addWorksheet(_ name: String) throws -> XlsxWorksheet {
        let book = try live()
        try WriterLimits.checkSheetName(name)
        let key = name.lowercased()
        guard !sheetNames.contains(key) else {
            throw XlsxError(.duplicateSheetName, "工作表名「\(name)」已存在（不区分大小写）")
        }
        guard let sheet = workbook_add_worksheet(book, name) else {
            throw XlsxError(.lxwParameterValidation, "无法添加工作表「\(name)」")
        }
        sheetNames.insert(key)
        let ws = XlsxWorksheet(workbook: self, handle: sheet, name: name, constantMemory: options.constantMemory)
        worksheets.append(ws)
        return ws
    }

    /// The C format for `style`, created once per distinct style; nil for the plain style.
    func format(for style: CellStyle?) throws -> UnsafeMutablePointer<lxw_format>? {
        guard let style, style != .plain else { return nil }
        if let f = formats[style] { return f }
        let book = try live()
        guard let f = workbook_add_format(book) else { throw XlsxError(.lxwMemoryMallocFailed, "无法创建单元格格式") }
        try FormatBuilder.apply(style, to: f)
        formats[style] = f
        return f
    }

    /// The number of distinct formats created so far (styles are deduplicated).
    public var formatCount: Int { formats.count }

    /// Defines a workbook-level name such as `单位列表` → `=代码表!$A$1:$A$20`.
    public func defineName(_ name: String, _ formula: String) throws {
        let book = try live()
        guard !name.isEmpty, name.utf8.count <= WriterLimits.definedNameBytes,
              formula.utf8.count <= WriterLimits.definedNameBytes, !formula.isEmpty
        else {
            throw XlsxError(.invalidArgument, "名称「\(name)」或其引用过长（libxlsxwriter 1.1.4 限 \(WriterLimits.definedNameBytes) 字节）或为空")
        }
        guard !name.contains(where: { $0 == " " || $0 == "!" || $0 == "'" }), !definedNames.contains(name.lowercased()) else {
            throw XlsxError(.invalidArgument, "名称「\(name)」不合法或已定义")
        }
        try XlsxError.check(workbook_define_name(book, name, formula), "定义名称「\(name)」")
        definedNames.insert(name.lowercased())
    }

    /// Writes the file. Must be called once; later calls throw `.closed`.
    public func close() throws {
        let book = try live()
        try applyProperties(book)
        handle = nil
        let result = workbook_close(book)
        let cause = errno
        guard result == LXW_NO_ERROR else {
            unlink(partialPath)
            let reason = cause == ENOSPC ? "（磁盘已满）" : ""
            try XlsxError.check(result, "写入文件 \(path)\(reason)，未生成文件")
            return
        }
        guard rename(partialPath, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(partialPath)
            throw XlsxError(.lxwCreatingXlsxFile, "无法把文件放到 \(path)：\(reason)，未生成文件")
        }
    }

    private func applyProperties(_ book: UnsafeMutablePointer<lxw_workbook>) throws {
        let p = properties
        let fields = [p.title, p.subject, p.author, p.manager, p.company, p.category, p.keywords, p.comments, p.status]
        guard options.createdAt != nil || fields.contains(where: { $0 != nil }) else { return }
        for case let f? in fields where f.utf8.contains(0) {
            throw XlsxError(.invalidArgument, "文件属性「\(f)」含有 NUL 字符")
        }
        var owned: [UnsafeMutablePointer<CChar>?] = []
        defer { owned.forEach { free($0) } }
        func c(_ s: String?) -> UnsafeMutablePointer<CChar>? {
            guard let s else { return nil }
            let d = strdup(s)
            owned.append(d)
            return d
        }
        var props = lxw_doc_properties()
        props.title = c(p.title)
        props.subject = c(p.subject)
        props.author = c(p.author)
        props.manager = c(p.manager)
        props.company = c(p.company)
        props.category = c(p.category)
        props.keywords = c(p.keywords)
        props.comments = c(p.comments)
        props.status = c(p.status)
        props.created = time_t(options.createdAt ?? 0)
        try XlsxError.check(workbook_set_properties(book, &props), "设置文件属性")
    }
}
