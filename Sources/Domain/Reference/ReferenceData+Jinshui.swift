extension ReferenceData {
    /// 金水区 410105: the 17 街道 it runs itself (001–013, the 13 central streets, and 016–019 in the
    /// north), its four 产业主平台 as 管委会 ([seed 004]: 科教园区、自贸区(金贸港)、创意园区、科技园区), and
    /// the bureaus the column-owner roles of DOMAIN.md §4.2 need — seed 004 names no bureaus, so
    /// those five are a [proposal] mirroring 二七区.
    ///
    /// The 2023 statistics list 24 township codes under 410105: 014 龙子湖 and 015 祭城路 and the
    /// 56x units (如意湖, 博学路, 龙湖, 龙源路, 金光路) are administered by 郑东新区 and are not
    /// 金水区 offices, so they are not here ([seed 004]: “17 个街道办事处”, “整合十三个街道”).
    static let jinshuiUnits: [OrgUnitSeed] = {
        let district = "410105"
        let streets: [(String, String)] = [
            ("001", "经八路"), ("002", "花园路"), ("003", "人民路"), ("004", "杜岭"), ("005", "大石桥"),
            ("006", "南阳路"), ("007", "南阳新村"), ("008", "文化路"), ("009", "丰产路"), ("010", "东风路"),
            ("011", "北林路"), ("012", "未来路"), ("013", "凤凰台"), ("016", "兴达路"), ("017", "国基路"),
            ("018", "杨金路"), ("019", "丰庆路"),
        ]
        return streets.map { subdistrict(district, $0.0, $0.1) } + [
            body(district, "kjyq", "管委会", "金水科教园区", "科教园区"),
            body(district, "kjy", "管委会", "河南科技园区", "科技园区"),
            body(district, "cyyq", "管委会", "国家知识产权创意产业试点园区", "创意园区"),
            body(district, "jmg", "管委会", "郑州国际金贸港园区", "金贸港"),
            body(district, "fgw", "局委", "金水区发展和改革委员会", "发改委"),
            body(district, "swj", "局委", "金水区商务局", "商务局"),
            body(district, "gxj", "局委", "金水区工业和信息化局", "工信局"),
            body(district, "kjj", "局委", "金水区科学技术局", "科技局"),
            body(district, "tjj", "局委", "金水区统计局", "统计局"),
        ]
    }()
}
