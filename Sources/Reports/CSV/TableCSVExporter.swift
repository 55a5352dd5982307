import Domain
import SQLiteDB
#if canImport(Glibc)
import Glibc
#endif

/// Exports one catalog table as CSV for Excel: UTF-8 with a BOM, CRLF lines, a header row of the
/// catalog's Chinese labels (amounts marked `（元）`, stored integer 元), text protected against formula
/// injection (``CSVField``). Rows are streamed in `_rid` order; deleted rows are not in the state tables.
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
        guard let file = fopen(path, "wb") else { throw ReportError("csv.unwritable", "无法写入文件 \(path)") }
        var ok = true
        func put(_ s: String) { if fputs(s, file) < 0 { ok = false } }
        put("\u{FEFF}")
        put(labels.map(CSVField.text).joined(separator: ",") + "\r\n")
        var sql = "SELECT \(columns.map(Database.quote).joined(separator: ", ")) FROM \(Database.quote(table.name))"
        var args: [SQLValue] = []
        if let owners {
            let sorted = owners.sorted()
            sql += " WHERE owner_unit_id IN (\(Array(repeating: "?", count: sorted.count).joined(separator: ", ")))"
            args = sorted.map { .text($0) }
        }
        sql += " ORDER BY _rid"
        let rows = try source.db.query(sql, args)
        for r in rows {
            put(r.map { v -> String in
                switch v {
                case .null: ""
                case .integer(let i): CSVField.number(i)
                case .text(let t): CSVField.text(t)
                case .real(let d): String(d)
                case .blob: ""
                }
            }.joined(separator: ",") + "\r\n")
        }
        if fclose(file) != 0 { ok = false }
        guard ok else { throw ReportError("csv.write_failed", "写入 \(path) 失败（磁盘已满或无权限）") }
        return rows.count
    }
}
