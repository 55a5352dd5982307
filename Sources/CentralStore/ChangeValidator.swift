public import Domain
internal import MergeStore
public import SyncModel

/// Checks one pushed change before it may touch the store: known table and unit, well-formed ids,
/// values of the declared types, and — with the row's current owner — the office's write scope.
/// Returns the reason for refusal in Chinese, or nil when the change may be applied.
/// Store-independent: the SQLite and PostgreSQL stores both call it.
public struct ChangeValidator: Sendable {
    public let catalog: Catalog
    public let office: String
    public let replica: SiteID
    public let maxDriftMillis: Int64 = 24 * 3600 * 1000

    let rules: ValidationRules

    /// `rules`: the catalog indexed (pass the store's own to avoid building it per batch).
    public init(catalog: Catalog, office: String, replica: SiteID, rules: ValidationRules? = nil) {
        self.catalog = catalog
        self.office = office
        self.replica = replica
        self.rules = rules ?? ValidationRules(catalog: catalog)
    }

    /// The refusal of change `c` (at `index` in its batch), given the row's current `owner` and whether the
    /// store knows the row at all; nil when the change may be applied.
    public func check(_ c: Change, index: Int, owner: String?, rowKnown: Bool, now: Int64) -> Rejection? {
        decide(c, index: index, precheck(c, index: index, now: now), owner: owner, rowKnown: rowKnown)
    }

    /// `check` for change `i` of `request`, using what `precheck(_:now:)` found ahead when it ran.
    public func check(_ request: PushRequest, _ i: Int, owner: String?, rowKnown: Bool, now: Int64) -> Rejection? {
        let c = request.changes[i]
        if let prechecks = request.prechecks, prechecks.count == request.changes.count {
            return decide(c, index: i, prechecks[i], owner: owner, rowKnown: rowKnown)
        }
        return check(c, index: i, owner: owner, rowKnown: rowKnown, now: now)
    }

    /// Checks every change of `request` as far as that needs neither the store nor the office, and keeps
    /// the findings in `request.prechecks`: the server does this while the batch ahead is being merged.
    public static func precheck(_ request: inout PushRequest, rules: ValidationRules, now: Int64) {
        let validator = ChangeValidator(catalog: rules.catalog, office: "", replica: request.replica, rules: rules)
        request.prechecks = request.changes.enumerated().map { validator.precheck($1, index: $0, now: now) }
    }

    /// The checks that need neither the row's owner nor the office, in the order they report.
    func precheck(_ c: Change, index: Int, now: Int64) -> ChangePrecheck {
        func reject(_ code: String, _ reason: String) -> Rejection {
            Rejection(index: index, table: c.table, rowID: c.rowID, unit: c.unit, code: code, reason: reason)
        }
        var p = ChangePrecheck()
        guard let rules = rules.tables[c.table] else {
            p.first = reject("change.unknown_table", "服务器不认识数据表 \(c.table)；请升级 dsync")
            return p
        }
        guard RowID.isValid(c.rowID) else {
            p.first = reject("change.bad_row_id", "记录标识 \(c.rowID) 格式不正确")
            return p
        }
        guard c.site == replica else {
            p.first = reject("change.foreign_site", "一批数据只能包含本副本自己的修改")
            return p
        }
        if c.clock.wallMillis - now > maxDriftMillis {
            p.second = reject("change.clock_ahead", "修改时间比服务器快一天以上，请检查该电脑的系统时间后重新同步")
            return p
        }
        let columns: [String]
        switch c.kind {
        case .insert:
            // One pass over the values finds the owner, counts the required values and the first bad value.
            let scan = scanCreation(c, rules)
            p.creationOwner = scan.owner
            if scan.required < rules.required.count,
               let f = rules.required.first(where: { c.values[$0.name] == nil || c.values[$0.name] == .null }) {
                p.missingRequired = reject("value.required", "\(rules.table.label)的「\(f.label)」不能为空")
            }
            p.badValue = scan.problem.map { reject($0.code, $0.reason) }
            return p
        case .update:
            guard let unit = rules.units[c.unit] else {
                p.second = reject("change.unknown_unit", "数据表 \(c.table) 没有字段 \(c.unit)")
                return p
            }
            if c.unit == Table.ownerColumn {
                p.second = reject("scope.owner_change", "不能通过同步更改记录的所属单位；请联系区里的系统管理员")
                return p
            }
            columns = unit.columns
        case .delete:
            columns = []
        }
        for (name, value) in c.values {
            guard columns.contains(name) else {
                p.badValue = reject("value.unknown_column", "字段 \(name) 不属于 \(c.unit)")
                return p
            }
            if let field = rules.fields[name], let problem = typeProblem(value, field) {
                p.badValue = reject("value.type", "「\(field.field.label)」\(problem)")
                return p
            }
        }
        return p
    }

    /// The refusal of `c` from its precheck `p` and the checks that need the row's `owner` and the office,
    /// in the order they report: precheck's first, office, precheck's second, a creation's owner and
    /// required values, the office's write scope, the values.
    func decide(_ c: Change, index: Int, _ p: ChangePrecheck, owner: String?, rowKnown: Bool) -> Rejection? {
        func reject(_ code: String, _ reason: String) -> Rejection {
            Rejection(index: index, table: c.table, rowID: c.rowID, unit: c.unit, code: code, reason: reason)
        }
        if let r = p.first { return r }
        guard c.office == office else { return reject("change.office_mismatch", "修改记录的单位（\(c.office)）与访问令牌的单位（\(office)）不一致") }
        if let r = p.second { return r }
        if c.kind == .insert {
            let newOwner = p.creationOwner ?? office
            guard newOwner == office else { return reject("scope.not_owner", "只能新增本单位（\(office)）的记录，不能替 \(newOwner) 新增") }
            if !rowKnown, let r = p.missingRequired { return r }
        }
        // A row the server has never seen (created and deleted on the replica before it was pushed)
        // can only be the pushing office's own: its edits are kept so the history stays whole.
        if let owner, owner != office { return reject("scope.not_owner", "这条记录属于 \(owner)，本单位（\(office)）不能修改") }
        return p.badValue
    }

    /// What one pass over a creation's values finds: its owner (text), how many required fields it fills
    /// (not null), and its first value that is not a column of the table or not of the column's type.
    private struct CreationScan {
        var owner: String?
        var required = 0
        var problem: (code: String, reason: String)?
    }

    /// The values and the table's columns are both in `CellValues` order: one walk side by side.
    private func scanCreation(_ c: Change, _ rules: ValidationRules.TableRules) -> CreationScan {
        var scan = CreationScan()
        let keys = c.values.keys, values = c.values.values
        var columns = SortedNameCursor(rules.creationColumns)
        for n in keys.indices {
            guard let j = columns.seek(keys[n]) else {
                if scan.problem == nil { scan.problem = ("value.unknown_column", "字段 \(keys[n]) 不属于 \(c.unit)") }
                continue
            }
            let value = values[n]
            if j == rules.ownerPosition, case .text(let s) = value { scan.owner = s }
            if rules.creationRequired[j] && value != .null { scan.required += 1 }
            if scan.problem == nil, let field = rules.creationFields[j], let problem = typeProblem(value, field) {
                scan.problem = ("value.type", "「\(field.field.label)」\(problem)")
            }
        }
        return scan
    }

    /// Takes the rule, not its `Field`: copying a `Field` (a dozen references) per value checked was half
    /// of the precheck's time.
    private func typeProblem(_ v: CellValue, _ rule: ValidationRules.FieldRule) -> String? {
        if case .null = v { return nil }
        switch (rule.field.type, v) {
        case (.text, .text), (.code, .text), (.reference, .text): return nil
        case (.integer, .integer), (.money, .integer), (.percent, .integer): return nil
        case (.bool, .integer(let i)): return i == 0 || i == 1 ? nil : "只能是 0 或 1"
        case (.enumeration(let list), .text(let s)): return list.contains(s) ? nil : "的值「\(s)」不在「\(list.name)」的可选值中"
        case (.date, .text(let s)): return Self.isISODate(s) ? nil : "应为 YYYY-MM-DD 格式的日期，收到「\(s)」"
        case (.period, .text): return nil
        default: return "类型不对（应为\(rule.field.type.sqliteType == "INTEGER" ? "整数" : "文本")）"
        }
    }

    static func isISODate(_ s: String) -> Bool {
        let u = s.utf8
        guard u.count == 10 else { return false }
        var m = 0, d = 0, i = -1
        for c in u {
            i += 1
            if i == 4 || i == 7 {
                guard c == 45 else { return false }
                continue
            }
            guard (48...57).contains(c) else { return false }
            if i == 5 || i == 6 { m = m * 10 + Int(c - 48) } else if i >= 8 { d = d * 10 + Int(c - 48) }
        }
        return (1...12).contains(m) && (1...31).contains(d)
    }
}
