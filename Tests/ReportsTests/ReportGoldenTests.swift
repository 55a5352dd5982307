import DistrictTestSupport
import Foundation
import Reports
import Testing

/// Whole report files compared byte for byte with committed goldens (fixed creation date).
///
/// Regenerate after an intended change of layout or data: `DSYNC_UPDATE_GOLDEN=1 swift test
/// --disable-xctest --skip-build --filter ReportGoldenTests` (writes Fixtures/golden/*.xlsx), then
/// review the files and commit them.
@Suite(.serialized) struct ReportGoldenTests {
    static let goldenDir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/golden").path

    @Test(arguments: ["R1", "R2", "R3", "R4", "R5", "R6"])
    func reportMatchesGolden(_ code: String) throws {
        let dir = TemporaryDirectory("golden")
        try ReportFixtures.build(at: dir.file("fixture.dsync"), projects: 130)
        let source = try ReportSource(path: dir.file("fixture.dsync"))
        let context = try ReportContext(source: source, period: try #require(ReportPeriod("2023-06")))
        let out = dir.file("\(code).xlsx")
        try ReportExporter.export(try #require(ReportCatalog.template(code)), context: context, to: out, createdAt: 1_688_083_200)
        let produced = try Data(contentsOf: URL(fileURLWithPath: out))
        let golden = Self.goldenDir + "/\(code)-2023-06.xlsx"
        if ProcessInfo.processInfo.environment["DSYNC_UPDATE_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(atPath: Self.goldenDir, withIntermediateDirectories: true)
            try produced.write(to: URL(fileURLWithPath: golden))
        }
        let expected = try Data(contentsOf: URL(fileURLWithPath: golden))
        #expect(produced == expected, "\(code) 与 \(golden) 不一致；如为有意修改，设置 DSYNC_UPDATE_GOLDEN=1 重新生成")
        // A second export of the same data is identical too.
        try ReportExporter.export(try #require(ReportCatalog.template(code)), context: context, to: out + "2", createdAt: 1_688_083_200)
        #expect(try Data(contentsOf: URL(fileURLWithPath: out + "2")) == produced)
    }
}
