import DistrictTestSupport
import Foundation

/// Reads an xlsx file back with Python's openpyxl (an independent reader) and returns what the tests
/// check: cell values, merged ranges, number formats, print settings, frozen panes, per sheet.
struct XlsxProbe {
    struct Sheet: Decodable {
        let cells: [String: Value]
        let formats: [String: String]
        let merged: [String]
        let freeze: String?
        let orientation: String?
        let paper: Int?
        let fitToWidth: Int?
        let fitToHeight: Int?
        let fitToPage: Bool
        let titleRows: String?
        let footer: String?
        let maxRow: Int
    }
    enum Value: Decodable, Equatable {
        case number(Double), text(String), other(String)
        init(from decoder: any Decoder) throws {
            let c = try decoder.singleValueContainer()
            if let d = try? c.decode(Double.self) { self = .number(d) } else if let s = try? c.decode(String.self) { self = .text(s) } else { self = .other("?") }
        }
        var number: Double? { if case .number(let d) = self { d } else { nil } }
        var text: String? { if case .text(let s) = self { s } else { nil } }
    }
    let sheets: [String: Sheet]
    let order: [String]
    let title: String?

    static let script = """
        import json, sys, datetime
        from openpyxl import load_workbook
        wb = load_workbook(sys.argv[1])
        out = {"sheets": {}, "order": wb.sheetnames, "title": wb.properties.title}
        for ws in wb.worksheets:
            cells, formats = {}, {}
            for row in ws.iter_rows():
                for c in row:
                    if c.value is None: continue
                    v = c.value
                    if isinstance(v, (datetime.datetime, datetime.date)): v = v.strftime("%Y-%m-%d")
                    cells[c.coordinate] = v
                    formats[c.coordinate] = c.number_format
            ps = ws.page_setup
            out["sheets"][ws.title] = {
                "cells": cells, "formats": formats, "merged": sorted(str(r) for r in ws.merged_cells.ranges),
                "freeze": ws.freeze_panes, "orientation": ps.orientation, "paper": int(ps.paperSize) if ps.paperSize else None,
                "fitToWidth": int(ps.fitToWidth) if ps.fitToWidth is not None else 1,  # OOXML default 1 when absent
                "fitToHeight": int(ps.fitToHeight) if ps.fitToHeight is not None else None,
                "fitToPage": bool(ws.sheet_properties.pageSetUpPr and ws.sheet_properties.pageSetUpPr.fitToPage),
                "titleRows": ws.print_title_rows, "footer": ws.oddFooter.center.text, "maxRow": ws.max_row,
            }
        print(json.dumps(out, ensure_ascii=False))
        """

    init(_ path: String) throws {
        let r = try ProcessRunner.run("/usr/bin/python3", ["-c", Self.script, path])
        guard r.status == 0 else { throw ProbeError(message: "openpyxl 读取失败：\(r.stderr)") }
        struct Out: Decodable { let sheets: [String: Sheet]; let order: [String]; let title: String? }
        let o = try JSONDecoder().decode(Out.self, from: Data(r.stdout.utf8))
        sheets = o.sheets
        order = o.order
        title = o.title
    }

    subscript(_ sheet: String) -> Sheet? { sheets[sheet] }
}

struct ProbeError: Error { let message: String }
