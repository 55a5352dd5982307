import Testing
import Domain

@Suite("Money formatting and arithmetic")
struct MoneyFormattingTests {
    /// DOMAIN.md §1.3 F1: 369.8 + 194.4 + 43.9 + 10.1 亿 = 618.2 亿 = 6,182,000 万元, exactly.
    @Test func fourPoolsSumExactly() throws {
        let pools = try ["369.8亿", "194.4亿", "43.9亿", "10.1亿"].map { try #require(try Money.parse($0)) }
        let total = try #require(Money.sum(pools))
        #expect(total == Money(6_182_000, .wanYuan))
        #expect(total.yuan == 61_820_000_000)
        #expect(total == (try Money.parse("618.2亿元")))
        #expect(total.format(in: .yiYuan, decimals: 1) == "618.2")
        #expect(total.format(in: .wanYuan, decimals: 0) == "6,182,000")
        #expect(total.format() == "6,182,000.00")
        #expect(pools.map { $0.format(in: .wanYuan, decimals: 0) } == ["3,698,000", "1,944,000", "439,000", "101,000"])
    }

    @Test(arguments: [
        (Int64(36_980_000_000), MoneyUnit.wanYuan, 2, true, "3,698,000.00"),
        (36_980_000_000, .wanYuan, 2, false, "3698000.00"),
        (36_980_000_000, .yiYuan, 2, true, "369.80"),
        (129_106_000_000, .yiYuan, 2, true, "1,291.06"),
        (7_111_500, .wanYuan, 2, true, "711.15"),
        (7_111_500, .yuan, 0, true, "7,111,500"),
        (123, .yuan, 2, true, "123.00"),
        (0, .wanYuan, 2, true, "0.00"),
        (12_345, .wanYuan, 4, true, "1.2345"),
        (12_345, .wanYuan, 6, true, "1.234500"),
        (999, .yuan, 0, false, "999"),
        (1_000, .yuan, 0, true, "1,000"),
    ])
    func formats(yuan: Int64, unit: MoneyUnit, decimals: Int, grouping: Bool, text: String) {
        #expect(Money(yuan: yuan).format(in: unit, decimals: decimals, grouping: grouping) == text)
    }

    @Test(arguments: [
        (Int64(12_345), "1.23"),  // 1.2345 万 → down
        (12_350, "1.24"),  // exactly half → up
        (12_349, "1.23"),
        (-12_350, "-1.24"),  // half away from zero
        (-12_349, "-1.23"),
        (-49, "0.00"),  // no "-0.00"
        (-50, "-0.01"),
        (99_950, "10.00"),  // carry into the integer part
        (9_999_999_950, "1,000,000.00"),  // carry across a separator
    ])
    func roundsHalfAwayFromZeroInWanYuan(yuan: Int64, text: String) {
        #expect(Money(yuan: yuan).format(in: .wanYuan, decimals: 2) == text)
    }

    @Test func yiYuanWithTwoDecimals() {
        #expect(Money(yuan: 15_260_000_000).format(in: .yiYuan) == "152.60")
        #expect(Money(yuan: 15_255_000_000).format(in: .yiYuan) == "152.55")
        #expect(Money(yuan: 15_255_000_001).format(in: .yiYuan, decimals: 1) == "152.6")
        #expect(Money(yuan: 15_250_000_000).format(in: .yiYuan, decimals: 0) == "153")
        #expect(Money(yuan: 10_300_000_000).formatWithUnit(.yiYuan, decimals: 0) == "103亿元")
        #expect(Money(yuan: 10_300_000_000).formatWithUnit() == "1,030,000.00万元")
    }

    @Test func extremesFormatWithoutOverflow() {
        #expect(Money(yuan: Int64.max).format(in: .yuan, decimals: 0, grouping: false) == "9223372036854775807")
        #expect(Money(yuan: Int64.min).format(in: .yuan, decimals: 0, grouping: false) == "-9223372036854775808")
        #expect(Money(yuan: Int64.max).format(in: .yiYuan, decimals: 2) == "92,233,720,368.55")
    }

    @Test func roundTripThroughTheLedgerFormat() throws {
        for yuan: Int64 in [0, 1, 99, 10_000, 7_111_500, 36_980_000_000, -125_000] {
            let text = Money(yuan: yuan).format(in: .wanYuan, decimals: 4)
            #expect(try Money.parse(text, defaultUnit: .wanYuan)?.yuan == yuan)
        }
    }

    @Test func arithmetic() {
        let a = Money(yuan: 10_300_000_000)
        let b = Money(yuan: 15_260_000_000)
        #expect((b - a).yuan == 4_960_000_000)
        #expect((a + b).yuan == 25_560_000_000)
        #expect((-a).yuan == -10_300_000_000)
        #expect(a < b)
        #expect(Money(yuan: Int64.max).adding(Money(yuan: 1)) == nil)
        #expect(Money(yuan: Int64.min).subtracting(Money(yuan: 1)) == nil)
        #expect(Money.sum([Money(yuan: Int64.max), Money(yuan: 1)]) == nil)
        #expect(Money.sum([Money]()) == .zero)
        #expect(Money(Int64.max, .wanYuan) == nil)
        #expect(Money(103, .yiYuan)?.yuan == 10_300_000_000)
        #expect(a.description == "10300000000元")
    }
}
