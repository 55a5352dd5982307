import Hummingbird
public import SyncModel

/// Builds a city-wide report for the status page's links. The server knows nothing of reports itself:
/// `dsync serve` hands it one (over the central store's merged state), so the HTTP layer stays free of
/// the spreadsheet code.
public protocol ReportProvider: Sendable {
    /// The xlsx file of report `code` (R1…R6) for `period` (`YYYY-MM`), over the whole store.
    /// Throws a `SyncFailure` with a 4xx status for an unknown report or a malformed period.
    func report(code: String, period: String) async throws(SyncFailure) -> (fileName: String, bytes: [UInt8])
}

extension SyncResponder {
    /// `GET /reports/{code}?period=YYYY-MM`: the report as an xlsx download.
    func reportReply(_ request: Request) async throws -> JSONReply {
        guard let reports else {
            throw SyncFailure(status: 404, code: "reports.unavailable", message: "此服务器不提供报表（仅 SQLite 中心库支持在线导出）；请用 dsync export … --store 导出")
        }
        let code = String(request.uri.path.dropFirst(Route.report.rawValue.count))
        guard let period = request.uri.queryParameters.get("period"), !period.isEmpty else {
            throw SyncFailure.badRequest("reports.period", "缺少 period 参数，格式为 YYYY-MM，例如 /reports/R2?period=2024-05")
        }
        let file = try await reports.report(code: code, period: period)
        var reply = JSONReply(status: .ok, json: file.bytes)
        reply.contentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        let encoded = file.fileName.addingPercentEncodingForRFC5987
        reply.extraHeaders[.contentDisposition] = "attachment; filename=\"report.xlsx\"; filename*=UTF-8''\(encoded)"
        reply.extraHeaders[.cacheControl] = "no-store"
        return reply
    }
}

extension String {
    /// Percent-encoding for `filename*` (RFC 5987): unreserved ASCII kept, every other byte escaped.
    fileprivate var addingPercentEncodingForRFC5987: String {
        var out = ""
        for b in utf8 {
            switch b {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.append(Character(UnicodeScalar(b)))
            default:
                out += "%" + String(b, radix: 16, uppercase: true).leftPadded
            }
        }
        return out
    }

    fileprivate var leftPadded: String { count == 1 ? "0" + self : self }
}
