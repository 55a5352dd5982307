import Testing
import Domain

@Suite("Ratios in basis points")
struct BasisPointsTests {
    /// DOMAIN.md F1, share of investment: 369.8 / 194.4 / 43.9 / 10.1 of 618.2 亿.
    @Test(arguments: [
        ("369.8亿", "59.82"),
        ("194.4亿", "31.45"),
        ("43.9亿", "7.10"),
        ("10.1亿", "1.63"),
        ("618.2亿", "100.00"),
    ])
    func fourPoolsShareOfInvestment(amount: String, share: String) throws {
        let part = try #require(try Money.parse(amount))
        let total = try #require(Money(6_182_000, .wanYuan))
        #expect(BasisPoints(part: part, of: total)?.format() == share)
    }

    /// DOMAIN.md F1, share of count: 64 / 35 / 9 / 14 of 122 projects.
    @Test(arguments: [(Int64(64), "52.46"), (35, "28.69"), (9, "7.38"), (14, "11.48"), (122, "100.00")])
    func fourPoolsShareOfCount(count: Int64, share: String) {
        #expect(BasisPoints(part: count, of: 122)?.format() == share)
    }

    /// DOMAIN.md F9: 742 / 1215 = 61.07 %, not the 61.2 % the article printed.
    @Test func typedRatioDisagreesWithItsParts() throws {
        let ratio = try #require(BasisPoints(part: 742, of: 1215))
        #expect(ratio.rawValue == 6107)
        #expect(ratio.description == "61.07%")
        #expect(ratio != BasisPoints(rawValue: 6120))
        #expect((BasisPoints(rawValue: 6120) - ratio).rawValue == 13)
    }

    @Test func sequentialProgressForJanuaryToMay() {
        #expect(BasisPoints(part: 5, of: 12)?.format() == "41.67")
        #expect(BasisPoints(part: 10, of: 12)?.format(decimals: 1) == "83.3")
    }

    @Test func roundsHalfAwayFromZero() {
        #expect(BasisPoints(part: 1, of: 20_000)?.rawValue == 1)  // 0.5 bp → 1
        #expect(BasisPoints(part: 1, of: 20_001)?.rawValue == 0)
        #expect(BasisPoints(part: -1, of: 20_000)?.rawValue == -1)
        #expect(BasisPoints(part: 1, of: -3)?.format() == "-33.33")
        #expect(BasisPoints(rawValue: 6150).format(decimals: 1) == "61.5")
        #expect(BasisPoints(rawValue: 6155).format(decimals: 1) == "61.6")
        #expect(BasisPoints(rawValue: -6155).format(decimals: 0) == "-62")
    }

    @Test func zeroOrHugeDenominators() {
        #expect(BasisPoints(part: 5, of: 0) == nil)
        #expect(BasisPoints(part: Money(yuan: 1), of: .zero) == nil)
        #expect(BasisPoints(part: Int64.max, of: 1) == nil)
        #expect(BasisPoints(part: Int64.max, of: Int64.max)?.rawValue == 10_000)
    }

    /// 许昌 example (DOMAIN.md §1.2): 履约 244 / 新签约 247 = 98.79 %, 开工 222 / 247 = 89.88 %.
    @Test func followThroughRatios() {
        #expect(BasisPoints(part: 244, of: 247)?.format(decimals: 1) == "98.8")
        #expect(BasisPoints(part: 222, of: 247)?.format(decimals: 0) == "90")
        #expect(BasisPoints(part: 370, of: 1077)?.format(decimals: 0) == "34")
    }
}
