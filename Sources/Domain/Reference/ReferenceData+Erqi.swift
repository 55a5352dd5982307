extension ReferenceData {
    /// 二七区 410103: 15 街道 + 马寨镇 (stats edition 2023), 3 管委会, the bureaus the seeds name and
    /// the platform companies 二七投控 and 数科集团.
    ///
    /// [seed 000] counts "18个办事处" where the statistics list 16 township units; the two others are
    /// unknown (DOMAIN.md §6 q.3) and deliberately not invented here. [seed 001] still says
    /// 侯寨乡; the 2023 list has 侯寨街道 (015).
    static let erqiUnits: [OrgUnitSeed] = {
        let district = "410103"
        let streets: [(String, String)] = [
            ("001", "淮河路"), ("003", "铭功路"), ("004", "一马路"), ("005", "蜜蜂张"), ("006", "五里堡"),
            ("007", "大学路"), ("008", "建中街"), ("009", "福华街"), ("010", "德化街"), ("011", "嵩山路"),
            ("012", "京广路"), ("013", "长江路"), ("014", "人和路"), ("015", "侯寨"), ("016", "金水源"),
        ]
        let mazhai = OrgUnitSeed(
            unitCode: "410103100", name: "马寨镇人民政府", shortName: "马寨", kind: "镇", parentCode: district,
            statsCode: "410103100", statsEdition: statsEdition)
        return streets.map { subdistrict(district, $0.0, $0.1) } + [mazhai] + [
            body(district, "jkq", "管委会", "二七经济开发区管理委员会", "二七经开区"),
            body(district, "tsq", "管委会", "二七特色商业区管理委员会", "二七特色商业区"),
            body(district, "hcz", "管委会", "火车站地区管理委员会", "火车站地区管委会"),
            body(district, "fgw", "局委", "二七区发展和改革委员会", "发改委"),
            body(district, "swj", "局委", "二七区商务局", "商务局"),
            body(district, "gxj", "局委", "二七区工业和信息化局", "工信局"),
            body(district, "kjj", "局委", "二七区科学技术局", "科技局"),
            body(district, "wjw", "局委", "二七区卫生健康委员会", "卫健委"),
            body(district, "wlj", "局委", "二七区文化广电和旅游局", "文旅局"),
            body(district, "dsj", "局委", "二七区大数据中心", "大数据中心"),
            body(district, "tjj", "局委", "二七区统计局", "统计局"),
            body(district, "dcs", "局委", "二七区人民政府督查室", "督查室"),
            body(district, "tk", "平台公司", "二七投控", "二七投控"),
            body(district, "skjt", "平台公司", "数科集团", "数科集团"),
        ]
    }()
}
