import Domain
import SQLiteDB
#if canImport(Glibc)
import Glibc
#endif

/// Exports one catalog table as CSV for Excel: UTF-8 with a BOM, CRLF lines, a header row of the
/// catalog's Chinese labels (amounts marked `（元）`, stored integer 元), text protected against formula
/// injection (``CSVField``). Rows are streamed in `_rid` order (memory does not grow with the table); deleted rows are not in the state tables.
public enum TableCSVExporter {
    /// Writes `table` from `source` to `path`, restricted to `owners` when given; returns the row count.
    @discardableResult
    public static func export(table name: String, from source: ReportSource, owners: Set<String>? = nil, to path: String) throws -> Int {
        guard let table = Catalog.standard.table(name) ?? Catalog.standard.tables.first(where: { $0.label == name }) else {
            let names = Catalog.standard.tables.map { "\($0.name)（\($0.label)）" }.joined(separator: "、")
            throw ReportError("csv.unknown_table", "没有名为「\(name)」的数据表；可导出：\(names)")
        }
        let columns = ["id", "owner_unit_id"] + table.fields.map(\.name)
        let labels = ["主键", "所属单位"] + table.fields.map { $0.type == .money ? "\($0.label)（元）" : $0.label }
        var sql = "SELECT \(columns.map(Database.quote).joined(separator: ", ")) FROM \(Database.quote(table.name))"
        var args: [SQLValue] = []
        if let owners {
            let sorted = owners.sorted()
            sql += " WHERE owner_unit_id IN (\(Array(repeating: "?", count: sorted.count).joined(separator: ", ")))"
            args = sorted.map { .text($0) }
        }
        sql += " ORDER BY _rid"
        let statement = try source.db.prepare(sql)
        try statement.bind(args)
        // Written beside `path` and renamed into place when complete: a full disk leaves no half file.
        let partial = "\(path).\(getpid()).part"
        guard let file = fopen(partial, "wb") else {
            throw ReportError("csv.unwritable", "无法写入文件 \(path)：\(String(cString: strerror(errno)))")
        }
        var failure: Int32 = 0
        func put(_ s: String) { if failure == 0 && fputs(s, file) < 0 { failure = errno } }
        put("\u{FEFF}")
        put(labels.map(CSVField.text).joined(separator: ",") + "\r\n")
        var count = 0
        do {
            while failure == 0, try statement.step() {
                put((0..<columns.count).map { i -> String in
                    switch statement.column(i) {
                    case .null: ""
                    case .integer(let n): CSVField.number(n)
                    case .text(let t): CSVField.text(t)
                    case .real(let d): String(d)
                    case .blob: ""
                    }
                }.joined(separator: ",") + "\r\n")
                count += 1
            }
        } catch {
            fclose(file)
            unlink(partial)
            throw error
        }
        if fflush(file) != 0 && failure == 0 { failure = errno }
        if fclose(file) != 0 && failure == 0 { failure = errno }
        guard failure == 0 else {
            unlink(partial)
            let reason = failure == ENOSPC ? "磁盘已满" : String(cString: strerror(failure))
            throw ReportError("csv.write_failed", "写入 \(path) 失败（\(reason)），未生成文件")
        }
        guard rename(partial, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(partial)
            throw ReportError("csv.write_failed", "无法把文件放到 \(path)：\(reason)，未生成文件")
        }
        return count
    }
}
