import Domain

/// The anchor benchmark's `projects` table (shared/bench/schema.sql) declared as a DistrictSync catalog
/// table: the same 16 columns, the same natural key and the same two secondary indexes, so the replica's
/// insert path is measured on the same rows as the raw C ceiling. Amounts are `.money` (integer 元), so
/// the replica also does the exact 亿元 → 元 conversion the anchor skips.
enum BenchTable {
    static let table = Table(
        "bench_project", "基准项目",
        naturalKey: ["project_no"],
        indexes: [["district", "status"], ["uscc"]],
        fields: [
            Field("project_no", "项目编号", .code, required: true),
            Field("name", "项目名称", .text, required: true),
            Field("district", "所属区县", .text, required: true),
            Field("resp_unit", "责任单位", .text),
            Field("kind", "项目类型", .text),
            Field("pool", "所属库", .text),
            Field("status", "项目状态", .text),
            Field("total_invest", "总投资", .money, unit: .yiYuan),
            Field("annual_plan", "年度计划投资", .money, unit: .yiYuan),
            Field("cum_invest", "累计完成投资", .money, unit: .yiYuan),
            Field("start_date", "开工日期", .date),
            Field("contact", "联系人", .text),
            Field("phone", "联系电话", .code),
            Field("uscc", "统一社会信用代码", .code),
            Field("image_progress", "形象进度", .text),
            Field("problems", "存在问题", .text),
        ])

    static let catalog = Catalog(schemaVersion: Catalog.standard.schemaVersion, tables: Catalog.standard.tables + [table])

    /// Column indexes (0-based) of the amounts, typed in 亿元 with up to 2 decimals.
    static let moneyColumns: Set<Int> = [7, 8, 9]
}
