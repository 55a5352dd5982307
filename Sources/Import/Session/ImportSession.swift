public import Replica
import Domain
import Spreadsheet
import SQLiteDB

/// Imports one sheet into one catalog table of a replica, in one transaction.
///
/// Rows are upserted by the table's natural key: a new key is inserted through the replica's bulk path,
/// an existing row gets only the cells that differ (a blank cell never clears a stored value), so
/// re-importing a file records no change. A key used twice in the file is an error naming both rows.
/// By default any error writes nothing; with `skipInvalid` the valid rows are written and the rejected
/// ones returned. Every change is tied to its source row in `_ds_import_row`.
public final class ImportSession {
    let replica: Replica
    let source: any ImportRowSource
    let file: (name: String, sha256: String)
    let options: ImportOptions
    /// Called every `progressInterval` rows with the rows read and the fraction of the input read.
    public var progress: ((Int, Double?) -> Void)?
    public var progressInterval = 5_000

    public init(replica: Replica, source: any ImportRowSource, fileName: String, sha256: String, options: ImportOptions) {
        self.replica = replica
        self.source = source
        self.file = (fileName, sha256)
        self.options = options
    }

    private struct Rollback: Error {}

    /// Runs the import. Never throws for bad data (see the report's problems); throws for I/O and
    /// replica failures, after rolling back.
    public func run() throws -> ImportReport {
        var problems = ProblemLog(limit: options.problemLimit)
        let sheet = source.sheetName
        let columns = source.columns
        func fail(_ code: String, _ reason: String) -> ImportReport {
            problems.add(ImportProblem(.error, code: code, sheet: sheet, reason: reason))
            return ImportReport(table: nil, mapping: nil, sheet: sheet, columns: columns, problems: problems)
        }
        let mapping: TableMapping
        if let name = options.table {
            guard let table = replica.catalog.table(name) ?? replica.catalog.tables.first(where: { $0.label == name }) else {
                return fail("import.unknown_table", "没有数据表“\(name)”；可用：\(replica.catalog.tables.map { "\($0.name)（\($0.label)）" }.joined(separator: "、"))")
            }
            mapping = CatalogMatcher.map(columns, to: table, unitLine: source.unitLine)
        } else {
            let (best, ranked) = CatalogMatcher.inferTable(columns, catalog: replica.catalog, unitLine: source.unitLine)
            guard let best, let chosen = ranked.first(where: { $0.table.name == best.name }) else {
                let guesses = ranked.prefix(2).map { "\($0.table.name)（\($0.table.label)，对上 \($0.bindings.count) 列）" }.joined(separator: "、")
                return fail("import.table_unknown", "无法从表头判断要导入哪张表（最接近：\(guesses)）；请用 --table 指定")
            }
            mapping = chosen
        }
        let headerRow = source.headerRowNumbers.last
        for column in mapping.unknown {
            problems.add(ImportProblem(.warning, code: "import.unknown_column", sheet: sheet, row: headerRow, column: column.index, header: column.label,
                                       reason: "\(mapping.table.label)表没有这一列，已忽略"))
        }
        for (column, field) in mapping.duplicates {
            problems.add(ImportProblem(.warning, code: "import.duplicate_column", sheet: sheet, row: headerRow, column: column.index, header: column.label,
                                       reason: "与另一列同为“\(field.label)”，已忽略这一列"))
        }
        for binding in mapping.bindings where binding.field.type == .money && binding.unit == nil {
            problems.add(ImportProblem(.warning, code: "import.unit_assumed", sheet: sheet, row: headerRow, column: binding.column.index, header: binding.column.label,
                                       reason: "表头和“单位：”行都没有注明金额单位，未带单位的数值按\(binding.field.unit?.rawValue ?? "万元")读取"))
        }
        var report = ImportReport(table: mapping.table, mapping: mapping, sheet: sheet, columns: columns, problems: problems)
        report.dryRun = options.dryRun
        for field in mapping.missingRequired {
            report.problems.add(ImportProblem(.error, code: "import.missing_column", sheet: sheet, row: headerRow,
                                              reason: "缺少必填列“\(field.label)”（\(field.name)）；表头可写：\(([field.label] + field.aliases).joined(separator: "、"))"))
        }
        guard mapping.missingRequired.isEmpty else { return report }
        for key in mapping.table.naturalKey where mapping.binding(key) == nil {
            report.problems.add(ImportProblem(.error, code: "import.missing_key", sheet: sheet, row: headerRow,
                                              reason: "缺少用于识别记录的列“\(mapping.table.field(key)?.label ?? key)”"))
            return report
        }

        do {
            try replica.write { writer in
                try self.importRows(mapping, writer: writer, report: &report)
                if self.options.dryRun || (report.hasErrors && !self.options.skipInvalid) { throw Rollback() }
            }
            report.committed = true
        } catch is Rollback {
            report.committed = false
            report.importID = nil
        }
        return report
    }

    private func importRows(_ mapping: TableMapping, writer: ReplicaWriter, report: inout ImportReport) throws {
        let table = mapping.table
        let sheet = source.sheetName
        let bindings = mapping.bindings
        let coercer = FieldCoercer(resolver: ReplicaReferenceResolver(replica: replica))
        let ratios = RatioCrossCheck(columns: source.columns)
        let importID = try writer.beginImport(ImportSourceFile(fileName: file.name, sha256: file.sha256, sheet: sheet, table: table.name))
        report.importID = importID
        // Rows are held and written 32 at a time, unless a column refers to this same table (its lookups
        // must see every earlier row at once).
        let selfReferring = bindings.contains { $0.field.type == .reference(table.name) }
        let inserter = try writer.bulkInserter(table.name, columns: bindings.map(\.field.name), batchRows: selfReferring ? 1 : 32)
        let keyPositions = table.naturalKey.compactMap { key in bindings.firstIndex { $0.field.name == key } }
        let q = Database.quote(table.name)
        let startRID = try replica.query("SELECT coalesce(max(_rid), 0) FROM \(q)").first?[0].integer ?? 0
        let tableWasEmpty = try replica.query("SELECT count(*) FROM (SELECT 1 FROM \(q) LIMIT 1)").first?[0].integer == 0
        // Into an empty table no row needs a natural-key lookup (repeats within the file are caught by hash
        // first), so its indexes are built once at the end instead of row by row; a suspected repeat, which
        // does look up, builds them first. Not when a column refers to this same table (its lookups need them).
        if tableWasEmpty, !selfReferring {
            try writer.deferIndexes(of: table.name)
        }
        let lookup = "SELECT _rid, id, \(bindings.map { Database.quote($0.field.name) }.joined(separator: ", ")) FROM \(q) WHERE "
            + table.naturalKey.map { "\(Database.quote($0)) IS ?" }.joined(separator: " AND ") + " LIMIT 2"

        var runs = CreatedRuns()
        var touched: [Int64: Int32] = [:]  // _rid of an existing row → the source row that matched it
        var seenKeys = Set<Int>()
        var values = [SQLValue](repeating: .null, count: bindings.count)
        let columnCount = bindings.count
        let columnIndexes = bindings.map(\.column.index)
        let required = bindings.map(\.field.required)
        let plainCells = bindings.map(PlainCellCoercion.init)
        var notes: [CellIssue] = []
        var issues: [RejectedRow.Issue] = []
        var rowsRead = 0

        func reject(_ row: SheetRow, _ issues: [RejectedRow.Issue]) {
            report.counts.rejected += 1
            if report.rejected.count < options.rejectedRowLimit { report.rejected.append(RejectedRow(number: row.number, cells: row.cells, issues: issues)) }
        }

        while let row = try source.next() {
            rowsRead += 1
            if rowsRead % progressInterval == 0 { progress?(rowsRead, source.fractionRead) }
            issues.removeAll(keepingCapacity: true)
            if !ratios.isEmpty { for p in ratios.check(row, sheet: sheet) { report.problems.add(p) } }
            for i in 0..<columnCount {
                let cell = row[columnIndexes[i]]
                if let plain = plainCells[i].value(cell), plain != .null || !required[i] {
                    values[i] = plain
                    continue
                }
                let binding = bindings[i]
                do throws(CellIssue) {
                    notes.removeAll(keepingCapacity: true)
                    values[i] = try coercer.value(cell, binding, notes: &notes)
                    for note in notes {
                        report.problems.add(ImportProblem(.warning, code: note.code, sheet: sheet, row: row.number, column: binding.column.index,
                                                          header: binding.column.label, value: FieldCoercer.displayText(cell), reason: note.reason))
                    }
                    if binding.field.required, values[i] == .null {
                        throw CellIssue("import.required", "“\(binding.field.label)”必须填写")
                    }
                } catch {
                    values[i] = .null
                    issues.append(RejectedRow.Issue(column: binding.column.index, reason: error.reason))
                    report.problems.add(ImportProblem(.error, code: error.code, sheet: sheet, row: row.number, column: binding.column.index,
                                                      header: binding.column.label, value: FieldCoercer.displayText(cell), reason: error.reason))
                }
            }
            if !issues.isEmpty {
                reject(row, issues)
                continue
            }
            var hasher = Hasher()
            for p in keyPositions { hasher.combine(values[p]) }
            let keyHash = hasher.finalize()
            let maybeSeen = !seenKeys.insert(keyHash).inserted
            if tableWasEmpty && !maybeSeen {
                try inserter.insert(values)
                runs.add(rid: inserter.lastRID, sourceRow: row.number)
                report.counts.inserted += 1
                continue
            }
            try inserter.writePending()
            if writer.hasDeferredIndexes(table.name) { try writer.rebuildDeferredIndexes() }
            let existing = try replica.query(lookup, keyPositions.map { values[$0] })
            let keyText = keyPositions.map { FieldCoercer.displayText(row[bindings[$0].column.index]) }.joined(separator: "、")
            let keyLabel = keyPositions.map { bindings[$0].field.label }.joined(separator: "、")
            guard let found = existing.first else {
                try inserter.insert(values)
                runs.add(rid: inserter.lastRID, sourceRow: row.number)
                report.counts.inserted += 1
                continue
            }
            let rid = found[0].integer ?? 0
            let earlier = rid > startRID ? runs.sourceRow(of: rid) : touched[rid].map(Int.init)
            if let earlier {
                let reason = "\(keyLabel)“\(keyText)”与第 \(earlier) 行重复；同一文件中每条记录只能出现一次"
                report.problems.add(ImportProblem(.error, code: "import.duplicate_key", sheet: sheet, row: row.number,
                                                  column: bindings[keyPositions[0]].column.index, header: bindings[keyPositions[0]].column.label,
                                                  value: keyText, reason: reason))
                reject(row, [RejectedRow.Issue(column: nil, reason: reason)])
                continue
            }
            if existing.count > 1 {
                let reason = "副本中已有多条\(keyLabel)为“\(keyText)”的记录（编号重复），无法确定更新哪一条；请先在 dsync conflicts 中处理"
                report.problems.add(ImportProblem(.error, code: "import.ambiguous_key", sheet: sheet, row: row.number, value: keyText, reason: reason))
                reject(row, [RejectedRow.Issue(column: nil, reason: reason)])
                continue
            }
            touched[rid] = Int32(clamping: row.number)
            var changed: [String: SQLValue] = [:]
            for (i, binding) in bindings.enumerated() where values[i] != .null && values[i] != found[i + 2] {
                changed[binding.field.name] = values[i]
            }
            guard !changed.isEmpty, let id = found[1].text else {
                report.counts.unchanged += 1
                continue
            }
            let units = try writer.update(table.name, id: id, changed)
            try writer.recordUpdated(importID: importID, table: table.name, rowID: id, sourceRow: row.number, changes: units)
            report.counts.updated += 1
        }
        progress?(rowsRead, source.fractionRead)
        report.counts.rowsRead = rowsRead
        for run in runs.runs {
            try writer.recordCreated(importID: importID, table: table.name, firstSourceRow: run.sourceFrom, ridFrom: run.ridFrom, ridTo: run.ridTo)
        }
        try writer.finishImport(importID, counts: report.counts)
    }
}

/// Runs of created rows where `_rid` and the source row both advance by one: the provenance of a
/// bulk insert in a handful of entries, and the way back from a `_rid` to its source row.
struct CreatedRuns {
    private(set) var runs: [(sourceFrom: Int, ridFrom: Int64, ridTo: Int64)] = []

    mutating func add(rid: Int64, sourceRow: Int) {
        if let last = runs.last, last.ridTo + 1 == rid, last.sourceFrom + Int(last.ridTo - last.ridFrom) + 1 == sourceRow {
            runs[runs.count - 1].ridTo = rid
        } else {
            runs.append((sourceRow, rid, rid))
        }
    }

    func sourceRow(of rid: Int64) -> Int? {
        var lo = 0, hi = runs.count - 1
        while lo <= hi {
            let mid = (lo + hi) / 2
            let run = runs[mid]
            if rid < run.ridFrom { hi = mid - 1 } else if rid > run.ridTo { lo = mid + 1 } else { return run.sourceFrom + Int(rid - run.ridFrom) }
        }
        return nil
    }
}
