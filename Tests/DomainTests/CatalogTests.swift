import Testing
import Domain

@Suite("Catalog")
struct CatalogTests {
    static let tables = Catalog.standard.tables

    @Test func standardCatalogListsEveryTableOnce() {
        let names = Catalog.standard.tables.map(\.name)
        #expect(names == [
            "org_unit", "person", "project", "project_plan", "project_progress", "pool_transition",
            "lead", "visit", "signing", "enterprise", "enterprise_honor", "indicator", "target", "indicator_value",
        ])
        #expect(Set(names).count == names.count)
        #expect(Catalog.standard.table("signing")?.label == "签约项目")
        #expect(Catalog.standard.table("nope") == nil)
    }

    @Test func referencedTablesComeFirst() {
        var seen: Set<String> = []
        for table in Self.tables {
            for field in table.fields {
                if case .reference(let target) = field.type {
                    #expect(target == table.name || seen.contains(target), "\(table.name).\(field.name) → \(target)")
                }
            }
            seen.insert(table.name)
        }
    }

    @Test(arguments: tables)
    func columnNamesAreSnakeCaseAndUnique(table: Table) {
        let names = table.fields.map(\.name)
        #expect(Set(names).count == names.count)
        for name in names {
            #expect(name != Table.idColumn && name != Table.ownerColumn)
            let isSnake = name.utf8.first.map { (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) } == true
                && name.utf8.allSatisfy {
                    (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0)
                        || $0 == UInt8(ascii: "_")
                }
            #expect(isSnake, "\(table.name).\(name)")
        }
        #expect(table.columnNames.prefix(2) == ["id", "owner_unit_id"])
    }

    @Test(arguments: tables)
    func headerTextsAreUnambiguousWithinATable(table: Table) {
        let texts = table.fields.flatMap { [$0.label] + $0.aliases }
        let duplicates = Dictionary(grouping: texts, by: { $0 }).filter { $0.value.count > 1 }.keys
        #expect(duplicates.isEmpty, "\(table.name): \(duplicates.sorted())")
    }

    @Test(arguments: tables)
    func keysGroupsAndIndexesNameDeclaredColumns(table: Table) {
        let names = Set(table.fields.map(\.name))
        #expect(!table.naturalKey.isEmpty)
        #expect(table.naturalKey.allSatisfy(names.contains))
        #expect(table.groups.flatMap(\.columns).allSatisfy(names.contains))
        #expect(table.indexes.joined().allSatisfy(names.contains))
        let grouped = table.groups.flatMap(\.columns)
        #expect(Set(grouped).count == grouped.count, "a column belongs to at most one group")
        #expect(table.groups.allSatisfy { $0.columns.count >= 2 })
    }

    /// Group names share the change log's namespace with column names (a merge unit is a column or
    /// a group), so they must never equal a column name, the owner column or the markers `*` / `-`.
    @Test(arguments: tables)
    func groupNamesNeverShadowColumns(table: Table) {
        let reserved = Set(table.columnNames + ["*", "-"])
        let groupNames = table.groups.map(\.name)
        #expect(Set(groupNames).count == groupNames.count)
        for name in groupNames {
            #expect(!reserved.contains(name), "\(table.name): group \(name)")
        }
    }

    /// Names the replica uses unquoted in some tools must not be SQLite keywords.
    @Test(arguments: tables)
    func namesAreNotSQLiteKeywords(table: Table) {
        let keywords: Set<String> = [
            "abort", "action", "add", "all", "alter", "as", "asc", "before", "begin", "between", "by", "case", "cast",
            "check", "collate", "column", "commit", "conflict", "constraint", "create", "cross", "current", "default",
            "delete", "desc", "distinct", "do", "drop", "each", "else", "end", "escape", "except", "exists", "filter",
            "first", "for", "foreign", "from", "full", "group", "groups", "having", "if", "in", "index", "inner",
            "insert", "into", "is", "join", "key", "last", "left", "like", "limit", "match", "no", "not", "null",
            "of", "offset", "on", "or", "order", "over", "plan", "primary", "query", "range", "references", "replace",
            "right", "row", "rows", "select", "set", "table", "temp", "then", "to", "transaction", "trigger", "union",
            "unique", "update", "using", "values", "view", "when", "where", "window", "with",
        ]
        #expect(!keywords.contains(table.name))
        let clashes = table.fields.map(\.name).filter(keywords.contains)
        #expect(clashes.isEmpty, "\(table.name): \(clashes)")
    }

    /// Natural-key columns are required, except `visit.lead_id` (trips without a lead).
    @Test(arguments: tables)
    func naturalKeyColumnsAreRequired(table: Table) {
        for column in table.naturalKey where !(table.name == "visit" && column == "lead_id") {
            #expect(table.field(column)?.required == true, "\(table.name).\(column)")
        }
    }

    @Test func visitLeadIsOptional() {
        #expect(Table.visit.field("lead_id")?.required == false)
        #expect(Table.visit.indexes.contains(["visit_date", "destination"]))
    }

    @Test func moneyFieldsDefaultToWanYuan() {
        let money = Self.tables.flatMap { table in
            table.fields.filter { $0.type == .money }.map { (table: table.name, field: $0) }
        }
        #expect(money.map { "\($0.table).\($0.field.name)" } == [
            "project.total_invest", "project_plan.annual_invest", "project_progress.month_invest",
            "project_progress.ytd_invest", "project_progress.cum_invest", "lead.intended_invest",
            "signing.total_invest", "signing.signed_amount", "signing.funds_arrived", "signing.funds_out_of_province",
            "enterprise.registered_capital",
        ])
        let fields = money.map(\.field)
        #expect(fields.allSatisfy { $0.unit == .wanYuan })
        #expect(Self.tables.flatMap(\.fields).filter { $0.type != .money }.allSatisfy { $0.unit == nil })
    }

    /// Labels exactly as DOMAIN.md §5.1 writes them.
    @Test(arguments: [
        ("person", "name", "姓名"), ("person", "title", "职务"), ("person", "unit_id", "所在单位"),
        ("person", "is_county_level", "是否县处级"),
        ("project_plan", "year", "年度"), ("project_plan", "annual_invest", "年度计划投资"),
        ("project_plan", "is_new_start", "是否年度新开工"), ("project_plan", "annual_content", "年度建设内容"),
        ("project_progress", "period", "填报期"), ("project_progress", "month_invest", "本月完成投资"),
        ("project_progress", "ytd_invest", "自年初累计完成投资"), ("project_progress", "cum_invest", "自开工累计完成投资"),
        ("project_progress", "image_progress", "形象进度"), ("project_progress", "next_plan", "下月计划"),
        ("project_progress", "problems", "存在问题"), ("project_progress", "needs", "需协调事项"),
        ("project_progress", "status", "填报状态"),
        ("pool_transition", "from_pool", "原库别"), ("pool_transition", "to_pool", "新库别"),
        ("pool_transition", "applicant_unit_id", "申请单位"), ("pool_transition", "approved_at", "审批日期"),
        ("pool_transition", "reason", "原因"),
        ("lead", "lead_no", "线索编号"), ("lead", "title", "线索名称"), ("lead", "source", "线索来源"),
        ("lead", "origin_region", "投资方所在地"), ("lead", "intended_invest", "拟投资额"), ("lead", "status", "状态"),
        ("lead", "next_step", "下一步计划"), ("lead", "report_unit_id", "报送单位"),
        ("visit", "destination", "目的地城市"), ("visit", "leader_id", "带队领导"), ("visit", "companies", "走访企业"),
        ("visit", "result", "成果"),
        ("signing", "signing_no", "签约编号"), ("signing", "investor_name", "投资方"), ("signing", "signed_amount", "签约额"),
        ("signing", "sign_form", "签约形式"), ("signing", "landing_status", "落地状态"),
        ("signing", "funds_out_of_province", "其中省外资金"), ("signing", "attract_unit_id", "招引单位"),
        ("enterprise", "uscc", "统一社会信用代码"), ("enterprise", "former_names", "曾用名"),
        ("enterprise", "legal_rep", "法定代表人"), ("enterprise", "is_above_scale", "是否规上"),
        ("enterprise_honor", "kind", "类型"), ("enterprise_honor", "year", "认定年度"),
        ("enterprise_honor", "valid_to", "有效期至"), ("enterprise_honor", "is_new", "是否当年新增"),
        ("enterprise_honor", "issuer", "认定部门"),
        ("indicator", "name", "指标名称"), ("indicator", "attribute", "属性"), ("indicator", "resp_unit_id", "责任单位"),
        ("target", "value", "目标值"), ("target", "comparator", "比较方式"), ("target", "upper", "上限"),
        ("target", "is_aspirational", "力争"), ("target", "original_text", "原文"), ("target", "base_value", "基期值"),
        ("target", "source_doc", "依据文件"),
        ("indicator_value", "value", "累计完成值"), ("indicator_value", "report_unit_id", "填报单位"),
        ("indicator_value", "note", "说明"),
    ])
    func labelsFollowTheDomainReference(table: String, column: String, label: String) throws {
        let field = try #require(Catalog.standard.table(table)?.field(column))
        #expect(field.label == label)
    }

    @Test(arguments: [
        ("project", "in_stats", "统计局"), ("signing", "is_leading", "商务局"), ("signing", "confirmed_by", "商务局"),
        ("enterprise_honor", "cert_no", "认定部门"), ("pool_transition", "approver_unit_id", "四库牵头单位"),
    ])
    func bureauOwnedColumns(table: String, column: String, owner: String) throws {
        let field = try #require(Catalog.standard.table(table)?.field(column))
        #expect(field.columnOwner == owner)
    }

    @Test func rowOwnerColumnsHaveNoColumnOwner() {
        #expect(Table.signing.field("signed_amount")?.columnOwner == nil)
        #expect(Table.lead.field("is_leading")?.columnOwner == nil)
        #expect(Table.enterpriseHonor.field("kind")?.columnOwner == nil)
    }

    @Test(arguments: [
        ("高新技术企业", "科技局" as String?), ("科技型中小企业", "科技局"), ("专精特新中小企业", "工信局"),
        ("专精特新\"小巨人\"", "工信局"), ("市级总部企业", "发改委"), ("上市", nil),
    ])
    func honourIssuingBureaus(kind: String, bureau: String?) {
        #expect(Table.honorIssuingBureau(for: kind) == bureau)
    }

    @Test func everyHonourKindHasAnIssuingBureau() {
        #expect(CodeList.honorKind.values.allSatisfy { Table.honorIssuingBureau(for: $0) != nil })
    }

    @Test func comparatorCodesAreAscii() {
        #expect(CodeList.comparator.values == ["EQ", "GE", "GT", "LE", "LT", "APPROX", "RANGE"])
        #expect(Table.target.field("comparator")?.type == .enumeration(.comparator))
        #expect(Table.target.field("comparator")?.type.sqliteType == "TEXT")
    }

    @Test(arguments: [
        ("lead", "source", CodeList.leadSource), ("lead", "status", .leadStatus), ("signing", "sign_form", .signForm),
        ("signing", "landing_status", .landingStatus), ("enterprise_honor", "kind", .honorKind),
        ("indicator", "attribute", .indicatorAttribute), ("project_progress", "status", .reportStatus),
        ("pool_transition", "to_pool", .pool), ("visit", "kind", .visitKind),
    ])
    func enumeratedColumns(table: String, column: String, list: CodeList) throws {
        let field = try #require(Catalog.standard.table(table)?.field(column))
        #expect(field.type == .enumeration(list))
        #expect(list.values.count >= 2)
        #expect(Set(list.values).count == list.values.count)
    }

    @Test func codeListValuesFromTheDomainReference() {
        #expect(CodeList.landingStatus.values == ["未落地", "已注册", "已供地", "已开工", "已投产"])
        #expect(CodeList.indicatorAttribute.values == ["预期性", "约束性"])
        #expect(CodeList.reportStatus.values == ["草稿", "已提交", "已审核", "退回"])
        #expect(CodeList.signForm.values == ["框架协议", "投资协议", "正式合同"])
        #expect(CodeList.leadStatus.contains("已签约"))
        #expect(CodeList.leadSource.contains("以商招商"))
    }

    @Test func naturalKeysFollowTheDomainReference() {
        #expect(Table.person.naturalKey == ["name", "title", "unit_id"])
        #expect(Table.projectProgress.naturalKey == ["project_id", "period"])
        #expect(Table.poolTransition.naturalKey == ["project_id", "changed_at"])
        #expect(Table.lead.naturalKey == ["lead_no"])
        #expect(Table.signing.naturalKey == ["signing_no"])
        #expect(Table.enterprise.naturalKey == ["uscc"])
        #expect(Table.indicator.naturalKey == ["district_id", "code"])
        #expect(Table.target.naturalKey == ["indicator_id", "unit_id", "period"])
        #expect(Table.indicatorValue.naturalKey == ["target_id", "period"])
    }

    @Test func groupsKeepRelatedValuesTogether() {
        #expect(Table.target.group(containing: "upper")?.columns.contains("comparator") == true)
        #expect(Table.target.group(containing: "value") == Table.target.group(containing: "upper"))
        #expect(Table.signing.group(containing: "start_date")?.name == "landing")
        #expect(Table.signing.group(containing: "confirmed_by")?.columns.contains("signed_amount") == true)
        #expect(Table.projectProgress.group(containing: "ytd_invest")?.columns == ["month_invest", "ytd_invest", "cum_invest"])
        #expect(Table.lead.group(containing: "remark") == nil)
        #expect(Table.lead.group(containing: "is_leading")?.name == "industry_class")
        #expect(Table.enterprise.group(containing: "phone")?.columns == ["contact", "phone"])
    }

    /// Year-to-date and since-start are never confused by a shared alias.
    @Test func progressAliasesSeparateYearToDateFromSinceStart() throws {
        let ytd = try #require(Table.projectProgress.field("ytd_invest"))
        let cum = try #require(Table.projectProgress.field("cum_invest"))
        #expect(ytd.aliases.contains("年累"))
        #expect(cum.aliases.contains("开累"))
        #expect(Set(ytd.aliases).isDisjoint(with: cum.aliases))
        #expect(Table.projectProgress.field("month_invest")?.aliases.contains("本月完成") == true)
    }
}
