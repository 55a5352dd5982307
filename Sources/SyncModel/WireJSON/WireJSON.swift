/// The sync wire types to and from JSON bytes, by hand: the same JSON the `Codable` conformances
/// produce (same keys, same value forms), several times faster on Linux, where Foundation's coders were
/// most of the cost of a push or a pull.
public enum WireJSON {
    // MARK: encoding

    public static func encode(_ r: PushRequest) -> [UInt8] {
        var w = JSONWriter()
        w.raw("{\"batch_id\":"); w.string(r.batchID)
        w.raw(",\"replica\":"); w.string(r.replica.hex)
        w.raw(",\"seq\":"); w.integer(r.seq)
        w.raw(",\"changes\":"); w.changes(r.changes)
        w.raw("}")
        return w.bytes
    }

    public static func encode(_ r: PullResponse) -> [UInt8] {
        var w = JSONWriter()
        w.raw("{\"changes\":"); w.changes(r.changes)
        w.raw(",\"cursor\":"); w.integer(r.cursor)
        w.raw(",\"more\":"); w.raw(r.more ? "true" : "false")
        w.raw(",\"checksum\":"); w.string(r.checksum)
        w.raw("}")
        return w.bytes
    }

    public static func encode(_ c: Change) -> [UInt8] {
        var w = JSONWriter()
        w.change(c)
        return w.bytes
    }

    // MARK: decoding

    public static func decodePushRequest(_ bytes: [UInt8]) throws(WireJSONError) -> PushRequest {
        let v = try JSONParser.parse(bytes)
        guard case .object = v else { throw WireJSONError(description: "（顶层）：类型不符，应为对象") }
        return PushRequest(batchID: try str(v, "batch_id"), replica: try site(v, "replica"), seq: try int(v, "seq"),
                           changes: try changes(v["changes"], "changes"))
    }

    public static func decodePullResponse(_ bytes: [UInt8]) throws(WireJSONError) -> PullResponse {
        let v = try JSONParser.parse(bytes)
        guard case .bool(let more)? = v["more"] else { throw WireJSONError(description: "more：缺少或不是布尔值") }
        var r = PullResponse(changes: try changes(v["changes"], "changes"), cursor: try int(v, "cursor"), more: more)
        r.checksum = try str(v, "checksum")
        return r
    }

    public static func decodeChange(_ bytes: [UInt8]) throws(WireJSONError) -> Change {
        try change(try JSONParser.parse(bytes), "change")
    }

    static func changes(_ v: JSONValue?, _ path: String) throws(WireJSONError) -> [Change] {
        guard case .array(let items)? = v else { throw WireJSONError(description: "\(path)：缺少或不是数组") }
        var out: [Change] = []
        out.reserveCapacity(items.count)
        for (n, item) in items.enumerated() { out.append(try change(item, "\(path)[\(n)]")) }
        return out
    }

    static func change(_ v: JSONValue, _ path: String) throws(WireJSONError) -> Change {
        guard case .object = v else { throw WireJSONError(description: "\(path)：类型不符，应为对象") }
        var values: [String: CellValue] = [:]
        guard case .object(let members)? = v["values"] else { throw WireJSONError(description: "\(path).values：缺少或不是对象") }
        for (k, x) in members { values[k] = try cell(x, "\(path).values.\(k)") }
        var c = Change(table: try str(v, "table", path), rowID: try str(v, "row", path), unit: try str(v, "unit", path), values: values,
                       clock: HybridTimestamp(rawValue: try int(v, "clock", path)), site: try site(v, "site", path),
                       office: try str(v, "office", path))
        if let b = v["base"], !b.isNull { c.base = try id(b, "\(path).base") }
        if case .object(let seen)? = v["seen"] {
            var s: [String: ChangeID] = [:]
            for (k, x) in seen { s[k] = try id(x, "\(path).seen.\(k)") }
            c.seen = s
        }
        if case .array(let items)? = v["resolves"] {
            var r: [ChangeID] = []
            for (n, x) in items.enumerated() { r.append(try id(x, "\(path).resolves[\(n)]")) }
            c.resolves = r
        }
        return c
    }

    static func cell(_ v: JSONValue, _ path: String) throws(WireJSONError) -> CellValue {
        switch v {
        case .null: return .null
        case .integer(let i): return .integer(i)
        case .string(let s): return .text(s)
        case .double(let d) where d == d.rounded() && abs(d) < 9.0e15: return .integer(Int64(d))
        case .object(let m) where m.count == 1 && m[0].0 == "r":
            switch m[0].1 {
            case .double(let d): return .real(d)
            case .integer(let i): return .real(Double(i))
            default: break
            }
        default: break
        }
        throw WireJSONError(description: "\(path)：值只能是 null、整数、字符串或 {\"r\": 数}")
    }

    static func id(_ v: JSONValue, _ path: String) throws(WireJSONError) -> ChangeID {
        ChangeID(clock: HybridTimestamp(rawValue: try int(v, "clock", path)), site: try site(v, "site", path))
    }

    static func str(_ v: JSONValue, _ key: String, _ path: String = "") throws(WireJSONError) -> String {
        guard case .string(let s)? = v[key] else { throw WireJSONError(description: "\(path.isEmpty ? "" : path + ".")\(key)：缺少或不是字符串") }
        return s
    }

    static func int(_ v: JSONValue, _ key: String, _ path: String = "") throws(WireJSONError) -> Int64 {
        guard case .integer(let i)? = v[key] else { throw WireJSONError(description: "\(path.isEmpty ? "" : path + ".")\(key)：缺少或不是整数") }
        return i
    }

    static func site(_ v: JSONValue, _ key: String, _ path: String = "") throws(WireJSONError) -> SiteID {
        guard let s = SiteID(hex: try str(v, key, path)) else {
            throw WireJSONError(description: "\(path.isEmpty ? "" : path + ".")\(key)：站点标识应为 32 位小写十六进制")
        }
        return s
    }
}

extension JSONValue {
    var isNull: Bool { if case .null = self { true } else { false } }
}

/// Appends JSON text to a byte buffer.
struct JSONWriter {
    var bytes: [UInt8] = []

    init() { bytes.reserveCapacity(4096) }

    mutating func raw(_ s: StaticString) { s.withUTF8Buffer { bytes.append(contentsOf: $0) } }

    mutating func integer(_ i: Int64) { bytes.append(contentsOf: String(i).utf8) }

    mutating func string(_ s: String) {
        bytes.append(0x22)
        if !s.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5c }) {
            bytes.append(contentsOf: s.utf8)
            bytes.append(0x22)
            return
        }
        for c in s.utf8 {
            switch c {
            case 0x22: bytes.append(0x5c); bytes.append(0x22)
            case 0x5c: bytes.append(0x5c); bytes.append(0x5c)
            case 0x0a: bytes.append(0x5c); bytes.append(UInt8(ascii: "n"))
            case 0x0d: bytes.append(0x5c); bytes.append(UInt8(ascii: "r"))
            case 0x09: bytes.append(0x5c); bytes.append(UInt8(ascii: "t"))
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                bytes.append(contentsOf: [0x5c, UInt8(ascii: "u"), 0x30, 0x30, hex[Int(c >> 4)], hex[Int(c & 0xf)]])
            default: bytes.append(c)
            }
        }
        bytes.append(0x22)
    }

    mutating func id(_ i: ChangeID) {
        raw("{\"clock\":"); integer(i.clock.rawValue)
        raw(",\"site\":"); string(i.site.hex)
        raw("}")
    }

    mutating func cell(_ v: CellValue) {
        switch v {
        case .null: raw("null")
        case .integer(let i): integer(i)
        case .text(let s): string(s)
        case .real(let d): raw("{\"r\":"); bytes.append(contentsOf: "\(d)".utf8); raw("}")
        }
    }

    mutating func change(_ c: Change) {
        raw("{\"table\":"); string(c.table)
        raw(",\"row\":"); string(c.rowID)
        raw(",\"unit\":"); string(c.unit)
        raw(",\"values\":{")
        var first = true
        for (k, v) in c.values.sorted(by: { $0.key < $1.key }) {
            if !first { bytes.append(0x2c) }
            first = false
            string(k); bytes.append(0x3a); cell(v)
        }
        raw("},\"clock\":"); integer(c.clock.rawValue)
        raw(",\"site\":"); string(c.site.hex)
        raw(",\"office\":"); string(c.office)
        if let b = c.base { raw(",\"base\":"); id(b) }
        if let seen = c.seen {
            raw(",\"seen\":{")
            var f = true
            for (k, v) in seen.sorted(by: { $0.key < $1.key }) {
                if !f { bytes.append(0x2c) }
                f = false
                string(k); bytes.append(0x3a); id(v)
            }
            raw("}")
        }
        if let r = c.resolves {
            raw(",\"resolves\":[")
            for (n, v) in r.enumerated() { if n > 0 { bytes.append(0x2c) }; id(v) }
            raw("]")
        }
        raw("}")
    }

    mutating func changes(_ cs: [Change]) {
        raw("[")
        for (n, c) in cs.enumerated() { if n > 0 { bytes.append(0x2c) }; change(c) }
        raw("]")
    }
}
