import Testing
import Domain

@Suite("Money parsing")
struct MoneyParsingTests {
    /// The typed forms of DOMAIN.md §3.7, all meaning 369.8亿元 = 36,980,000,000 元.
    @Test(arguments: [
        ("369.8亿", nil as MoneyUnit?),
        ("369.8亿元", nil),
        ("3698000万元", nil),
        ("3698000万", nil),
        ("3698000", .wanYuan),
        ("3,698,000", .wanYuan),
        ("3,698,000.00", .wanYuan),
        ("３６９．８亿元", nil),
        ("３，６９８，０００", .wanYuan),
        ("369.8 亿元", nil),
        ("  369.80亿  ", .wanYuan),
        ("36980000000元", .wanYuan),
        ("¥36,980,000,000", .yuan),
        ("人民币369.8亿元", nil),
        ("369.8", .yiYuan),
    ])
    func typedFormsOf369Point8Yi(text: String, defaultUnit: MoneyUnit?) throws {
        #expect(try Money.parse(text, defaultUnit: defaultUnit) == Money(yuan: 36_980_000_000))
    }

    @Test func unitInTheCellWinsOverTheColumnDefault() throws {
        let reading = try #require(try Money.read("369.8亿", defaultUnit: .wanYuan))
        #expect(reading.amount.yuan == 36_980_000_000)
        #expect(reading.unit == .yiYuan)
        #expect(reading.unitInCell)

        let fromHeader = try #require(try Money.read("1944000", defaultUnit: .wanYuan))
        #expect(fromHeader.amount.yuan == 19_440_000_000)
        #expect(fromHeader.unit == .wanYuan)
        #expect(!fromHeader.unitInCell)
    }

    @Test func fourDecimalsOfWanYuanAreExact() throws {
        #expect(try Money.parse("711.15", defaultUnit: .wanYuan)?.yuan == 7_111_500)
        #expect(try Money.parse("0.0001万元")?.yuan == 1)
        #expect(try Money.parse("1.23450000万元")?.yuan == 12_345)
        #expect(try Money.parse("0.00000001亿")?.yuan == 1)
        #expect(try Money.parse("12.00元")?.yuan == 12)
    }

    @Test(arguments: [
        ("-12.5万", Int64(-125_000)),
        ("－3,000", Int64(-3_000_0000)),
        ("\u{2212}0.5亿元", Int64(-50_000_000)),
        ("+7万元", Int64(70_000)),
        ("0", Int64(0)),
    ])
    func signedAmounts(text: String, yuan: Int64) throws {
        #expect(try Money.parse(text, defaultUnit: .wanYuan)?.yuan == yuan)
    }

    @Test(arguments: ["", "   ", "\u{3000}", "—", "/", "-", "无", "——"])
    func emptyAndNoneMarkersAreNil(text: String) throws {
        #expect(try Money.parse(text, defaultUnit: .wanYuan) == nil)
    }

    @Test(arguments: ["约5亿元", "5亿元以上", "5亿余元", "近5亿", "5亿元左右", "超5亿元", "100多万元", "5亿+"])
    func approximateAmountsAreRejected(text: String) {
        let error = #expect(throws: ValueError.self) { try Money.parse(text, defaultUnit: .wanYuan) }
        #expect(error?.code == .moneyApproximate)
        #expect(error?.value == text)
    }

    @Test(arguments: ["0.5-1亿", "5亿-10亿", "10~15万元", "10至15万元", "1—2亿元"])
    func rangesAreRejected(text: String) {
        let error = #expect(throws: ValueError.self) { try Money.parse(text, defaultUnit: .wanYuan) }
        #expect(error?.code == .moneyRange)
    }

    @Test(arguments: [
        ("0.00001万元", "最多4位小数"),
        ("0.000000001亿", "最多8位小数"),
        ("12.5元", "不能有小数"),
        ("12.5", "不能有小数"),
    ])
    func valuesNotExactInYuanAreRejected(text: String, hint: String) {
        let error = #expect(throws: ValueError.self) { try Money.parse(text, defaultUnit: .yuan) }
        #expect(error?.code == .moneyNotExact)
        #expect(error?.message.contains(hint) == true)
    }

    @Test(arguments: ["92233720369亿元", "9223372036854775808元", "1000000000000000万元", "92233720368547758.08"])
    func amountsBeyondInt64YuanOverflow(text: String) {
        let error = #expect(throws: ValueError.self) { try Money.parse(text, defaultUnit: .wanYuan) }
        #expect(error?.code == .moneyOverflow)
    }

    @Test func largestStorableAmountParses() throws {
        #expect(try Money.parse("9223372036854775807元")?.yuan == Int64.max)
        #expect(try Money.parse("92233720368.54775807亿元")?.yuan == Int64.max)
    }

    @Test func missingUnitIsRejected() {
        let error = #expect(throws: ValueError.self) { try Money.parse("3698000") }
        #expect(error?.code == .moneyUnitMissing)
    }

    @Test(arguments: ["500千元", "1万美元", "5千万元", "3万亿"])
    func unsupportedUnitsAreRejected(text: String) {
        let error = #expect(throws: ValueError.self) { try Money.parse(text) }
        #expect(error?.code == .moneyUnit)
    }

    @Test(arguments: ["97.2%", "61.2％"])
    func percentagesAreNotMoney(text: String) {
        let error = #expect(throws: ValueError.self) { try Money.parse(text, defaultUnit: .wanYuan) }
        #expect(error?.code == .moneyUnit)
    }

    @Test(arguments: ["3.698E+06", "3.698e6"])
    func scientificNotationIsRejected(text: String) {
        let error = #expect(throws: ValueError.self) { try Money.parse(text, defaultUnit: .wanYuan) }
        #expect(error?.code == .moneyScientific)
    }

    @Test(arguments: ["36,98", "3698,000", "1,2345", "1.2.3", "12.", ".5", "1.5,0", "亿元", "壹仟万元", "五亿元", "abc"])
    func malformedNumbersAreRejected(text: String) {
        let error = #expect(throws: ValueError.self) { try Money.parse(text, defaultUnit: .wanYuan) }
        #expect(error?.code == .moneyFormat)
    }

    @Test func contractCapitalsGetAnExplicitMessage() {
        let error = #expect(throws: ValueError.self) { try Money.parse("壹仟万元") }
        #expect(error?.message.contains("阿拉伯数字") == true)
    }

    @Test(arguments: [
        ("总投资（万元）", MoneyUnit.wanYuan as MoneyUnit?),
        ("计划总投资(亿元)", .yiYuan),
        ("单位：万元", .wanYuan),
        ("单位: 元", .yuan),
        ("金额（元）", .yuan),
        ("项目总投资", nil),
        ("投资（千万元）", nil),
        ("万元/亿元", nil),
    ])
    func unitsNamedInHeaders(header: String, unit: MoneyUnit?) {
        #expect(MoneyUnit.named(inHeader: header) == unit)
    }
}
