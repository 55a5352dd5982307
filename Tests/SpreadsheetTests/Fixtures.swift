import DistrictTestSupport
import Foundation
@testable import Spreadsheet

/// Paths of committed fixtures and helpers shared by the reader tests.
enum Fixtures {
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    static func reader(_ name: String) -> String { root + "/Fixtures/readers/" + name }
    static func hostile(_ name: String) -> String { root + "/Fixtures/hostile/" + name }

    /// Large hostile files, made once per test run by Tools/make-hostile-fixtures --large.
    static let large: String = {
        let dir = NSTemporaryDirectory() + "dsync-hostile-large-\(getpid())"
        let r = try? ProcessRunner.run("/usr/bin/python3", [root + "/Tools/make-hostile-fixtures", "--large", dir])
        precondition(r?.status == 0, "make-hostile-fixtures --large failed: \(r?.stderr ?? "")")
        return dir
    }()

    /// All rows of a sheet.
    static func rows(_ file: SpreadsheetFile, _ sheet: SheetInfo? = nil) throws -> [SheetRow] {
        let reader = try file.makeRowReader(sheet: sheet ?? file.defaultSheet)
        var rows: [SheetRow] = []
        while let row = try reader.next() { rows.append(row) }
        return rows
    }

    /// The SpreadsheetError thrown by `body`, or nil.
    static func error(_ body: () throws -> Void) -> SpreadsheetError? {
        do { try body(); return nil } catch let e as SpreadsheetError { return e } catch { return nil }
    }

    static func write(_ bytes: [UInt8], to path: String) throws {
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }
}

extension SheetCell {
    static func t(_ s: String) -> SheetCell { .text(s) }
    static func n(_ s: String) -> SheetCell { .number(s) }
}
