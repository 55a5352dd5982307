/// The sync wire types to and from JSON bytes, by hand: the same JSON the `Codable` conformances
/// produce (same keys, same value forms), several times faster on Linux, where Foundation's coders were
/// most of the cost of a push or a pull.
public enum WireJSON {
    // MARK: encoding

    public static func encode(_ r: PushRequest) -> [UInt8] {
        var w = JSONWriter(capacity: 256 + r.changes.count * 512)
        w.raw("{\"batch_id\":"); w.string(r.batchID)
        w.raw(",\"replica\":"); w.string(r.replica.hex)
        w.raw(",\"seq\":"); w.integer(r.seq)
        w.raw(",\"changes\":"); w.changes(r.changes)
        w.raw("}")
        return w.bytes
    }

    public static func encode(_ r: PullResponse) -> [UInt8] {
        var w = JSONWriter(capacity: 256 + r.changes.count * 512)
        w.raw("{\"changes\":"); w.changes(r.changes)
        w.raw(",\"cursor\":"); w.integer(r.cursor)
        w.raw(",\"more\":"); w.raw(r.more ? "true" : "false")
        w.raw(",\"checksum\":"); w.string(r.checksum)
        w.raw("}")
        return w.bytes
    }

    public static func encode(_ c: Change) -> [UInt8] {
        var w = JSONWriter(capacity: 1024)
        w.change(c)
        return w.bytes
    }

    // MARK: decoding
    //
    // Each decoder first tries the fast path (`JSONParser+Wire`: straight from bytes to `Change`); on any
    // form it does not take, and on every error, it decodes with the tree below, which defines what is
    // accepted and what every error says.

    public static func decodePushRequest(_ bytes: [UInt8]) throws(WireJSONError) -> PushRequest {
        if let r = try? JSONParser.direct(bytes, { (p: inout JSONParser) throws(WireJSONError) in try p.directPushRequest() }) { return r }
        return try treePushRequest(bytes)
    }

    public static func decodePullResponse(_ bytes: [UInt8]) throws(WireJSONError) -> PullResponse {
        if let r = try? JSONParser.direct(bytes, { (p: inout JSONParser) throws(WireJSONError) in try p.directPullResponse() }) { return r }
        return try treePullResponse(bytes)
    }

    public static func decodeChange(_ bytes: [UInt8]) throws(WireJSONError) -> Change {
        if let c = try? JSONParser.direct(bytes, { (p: inout JSONParser) throws(WireJSONError) in
            var names = KeyNames()
            return try p.directChange(&names)
        }) { return c }
        return try treeChange(bytes)
    }

    // MARK: decoding through the JSONValue tree (the reference)

    static func treePushRequest(_ bytes: [UInt8]) throws(WireJSONError) -> PushRequest {
        let v = try JSONParser.parse(bytes)
        guard case .object = v else { throw WireJSONError(description: "（顶层）：类型不符，应为对象") }
        return PushRequest(batchID: try str(v, "batch_id"), replica: try site(v, "replica"), seq: try int(v, "seq"),
                           changes: try changes(v["changes"], "changes"))
    }

    static func treePullResponse(_ bytes: [UInt8]) throws(WireJSONError) -> PullResponse {
        let v = try JSONParser.parse(bytes)
        guard case .bool(let more)? = v["more"] else { throw WireJSONError(description: "more：缺少或不是布尔值") }
        return PullResponse(changes: try changes(v["changes"], "changes"), cursor: try int(v, "cursor"), more: more,
                            checksum: try str(v, "checksum"))
    }

    static func treeChange(_ bytes: [UInt8]) throws(WireJSONError) -> Change {
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
        var values = CellValues()
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

    init(capacity: Int = 4096) { bytes.reserveCapacity(capacity) }

    mutating func raw(_ s: StaticString) { s.withUTF8Buffer { bytes.append(contentsOf: $0) } }

    /// Decimal digits, written straight into the buffer.
    mutating func integer(_ i: Int64) {
        if i >= 0 && i < 10 {
            bytes.append(48 &+ UInt8(truncatingIfNeeded: i))
            return
        }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { buf in
            var v = i.magnitude
            var k = 20
            repeat {
                k -= 1
                buf[k] = 48 &+ UInt8(truncatingIfNeeded: v % 10)
                v /= 10
            } while v > 0
            if i < 0 { bytes.append(UInt8(ascii: "-")) }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buf[k..<20]))
        }
    }

    /// A JSON string: `"`, `\`, and control characters escaped (`\n`, `\r`, `\t`, else `\u00xx`).
    mutating func string(_ s: String) {
        var s = s
        s.withUTF8 { string(utf8: $0) }
    }

    /// A JSON string from UTF-8 bytes (valid UTF-8: the caller checks).
    mutating func string(utf8 u: UnsafeBufferPointer<UInt8>) {
        bytes.append(0x22)
        var start = 0
        while true {
            let j = JSONScan.plainEnd(u, from: start)
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: u[start..<j]))
            guard j < u.count else { break }
            escape(u[j])
            start = j + 1
        }
        bytes.append(0x22)
    }

    private mutating func escape(_ c: UInt8) {
        switch c {
        case 0x22: bytes.append(0x5c); bytes.append(0x22)
        case 0x5c: bytes.append(0x5c); bytes.append(0x5c)
        case 0x0a: bytes.append(0x5c); bytes.append(UInt8(ascii: "n"))
        case 0x0d: bytes.append(0x5c); bytes.append(UInt8(ascii: "r"))
        case 0x09: bytes.append(0x5c); bytes.append(UInt8(ascii: "t"))
        default:
            let hex: StaticString = "0123456789abcdef"
            bytes.append(contentsOf: [0x5c, UInt8(ascii: "u"), 0x30, 0x30, hex.utf8Start[Int(c >> 4)], hex.utf8Start[Int(c & 0xf)]])
        }
    }

    /// `{"key":value,…}`, keys in the order of their UTF-8 bytes (the order `CellValues` keeps), so one
    /// change always has one encoding.
    mutating func values(_ values: CellValues) {
        bytes.append(UInt8(ascii: "{"))
        let keys = values.keys, cells = values.values
        for n in keys.indices {
            if n > 0 { bytes.append(0x2c) }
            string(keys[n])
            bytes.append(0x3a)
            cell(cells[n])
        }
        bytes.append(UInt8(ascii: "}"))
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
        raw(",\"values\":"); values(c.values)
        raw(",\"clock\":"); integer(c.clock.rawValue)
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
