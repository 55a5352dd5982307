public import Replica
import Domain
import MergeStore
import SQLiteDB

/// Resolves reference cells against the replica: offices by code, full or short name (preferring the
/// replica's own district), other rows by their natural key or, failing that, a unique name.
public final class ReplicaReferenceResolver: ReferenceResolver {
    let replica: Replica
    private let district: String?
    private var cache: [String: Result<String, CellIssue>] = [:]

    public init(replica: Replica) {
        self.replica = replica
        var code: String? = replica.office
        while let c = code, let unit = ReferenceData.orgUnit(code: c), unit.kind != "区县" { code = unit.parentCode }
        district = code
    }

    public func resolve(table: String, text: String) throws(CellIssue) -> String {
        let key = table + "\u{1}" + text
        if let hit = cache[key] { return try hit.get() }
        let result: Result<String, CellIssue>
        do { result = .success(try lookUp(table: table, text: text)) } catch let issue as CellIssue { result = .failure(issue) } catch {
            result = .failure(CellIssue("reference.lookup", "查询失败：\(error)"))
        }
        cache[key] = result
        return try result.get()
    }

    private func lookUp(table: String, text: String) throws -> String {
        if table == Table.orgUnit.name { return try orgUnit(text) }
        guard let target = replica.catalog.table(table) else { throw CellIssue("reference.table", "未知的数据表 \(table)") }
        let q = Database.quote(table)
        if target.naturalKey.count == 1 {
            let rows = try replica.query("SELECT id FROM \(q) WHERE \(Database.quote(target.naturalKey[0])) = ? LIMIT 2", [.text(text)])
            if rows.count == 1, let id = rows[0][0].text { return id }
            if rows.count > 1 { throw CellIssue("reference.ambiguous", "\(target.label)“\(text)”在副本中有多条记录，请先处理编号重复（dsync conflicts）") }
        }
        if target.field("name") != nil {
            let rows = try replica.query("SELECT id FROM \(q) WHERE name = ? LIMIT 2", [.text(text)])
            if rows.count == 1, let id = rows[0][0].text { return id }
            if rows.count > 1 { throw CellIssue("reference.ambiguous", "有多个\(target.label)名为“\(text)”，请改填编号") }
        }
        let rows = try replica.query("SELECT id FROM \(q) WHERE id = ?", [.text(text)])
        if let id = rows.first?[0].text { return id }
        let keyLabel = target.naturalKey.compactMap { target.field($0)?.label }.joined(separator: "、")
        throw CellIssue("reference.not_found", "副本中没有\(target.label)“\(text)”（按\(keyLabel.isEmpty ? "名称" : keyLabel)查找）；请先导入\(target.label)表，或核对编号")
    }

    private func orgUnit(_ text: String) throws -> String {
        if let unit = ReferenceData.orgUnit(code: text) { return ReferenceIDs.id(unit.unitCode) }
        let named = ReferenceData.orgUnits.filter { $0.matchNames.contains(text) }
        var candidates = named
        if candidates.count > 1, let district {
            let local = candidates.filter { $0.parentCode == district || $0.unitCode == district }
            if !local.isEmpty { candidates = local }
        }
        if candidates.count == 1 { return ReferenceIDs.id(candidates[0].unitCode) }
        if candidates.count > 1 {
            throw CellIssue("reference.ambiguous", "单位“\(text)”有多个：\(candidates.map { "\($0.name)（\($0.unitCode)）" }.joined(separator: "、"))；请填写全称或单位代码")
        }
        throw CellIssue("reference.unknown_unit", "单位名录中没有“\(text)”；请填写单位全称、简称或单位代码（见 dsync units）")
    }
}
