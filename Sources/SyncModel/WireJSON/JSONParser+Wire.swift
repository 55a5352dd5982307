/// The wire decoder's fast path: reads push requests, pull answers and changes straight from the bytes
/// into `Change`s, without building a `JSONValue` tree first (the tree and its dictionaries were most of
/// the decoding cost).
///
/// It takes only the plain forms: keys without escapes, each known member at most once, a value of the
/// expected kind. On anything else — and on every error — it gives up, and `WireJSON` decodes the same
/// bytes with the tree (`JSONParser.parse`), which remains the definition of what is accepted, of the
/// values read and of every error message. Both paths therefore accept the same documents and fail with
/// the same words; the fast one only has to be right for the documents it finishes.
extension JSONParser {
    /// Runs `body` over `bytes` and requires nothing but whitespace after what it read.
    static func direct<T>(_ bytes: [UInt8], _ body: (inout JSONParser) throws(WireJSONError) -> T) throws(WireJSONError) -> T {
        try bytes.withUnsafeBufferPointer { (buf: UnsafeBufferPointer<UInt8>) throws(WireJSONError) -> T in
            var p = JSONParser(b: buf)
            let v = try body(&p)
            p.skipSpace()
            guard p.i == buf.count else { throw giveUp }
            return v
        }
    }

    /// Thrown to leave the fast path; never shown (the tree decoder's error is).
    static let giveUp = WireJSONError(description: "fast path gave up")

    // MARK: structure

    /// Consumes `{`; false when the object is empty (its `}` consumed too).
    mutating func enterObject() throws(WireJSONError) -> Bool {
        skipSpace()
        guard i < b.count, b[i] == UInt8(ascii: "{") else { throw Self.giveUp }
        depth += 1
        guard depth < 64 else { throw Self.giveUp }
        i += 1
        skipSpace()
        if i < b.count, b[i] == UInt8(ascii: "}") { i += 1; depth -= 1; return false }
        return true
    }

    /// Reads `"key":` and returns the key's bytes (a range of the input); gives up on escaped keys.
    mutating func memberKey() throws(WireJSONError) -> Range<Int> {
        skipSpace()
        guard i < b.count, b[i] == UInt8(ascii: "\"") else { throw Self.giveUp }
        i += 1
        let start = i
        while i < b.count, b[i] != UInt8(ascii: "\"") {
            guard b[i] >= 0x20, b[i] != UInt8(ascii: "\\") else { throw Self.giveUp }
            i += 1
        }
        guard i < b.count else { throw Self.giveUp }
        let key = start..<i
        i += 1
        skipSpace()
        guard i < b.count, b[i] == UInt8(ascii: ":") else { throw Self.giveUp }
        i += 1
        return key
    }

    /// After a member: true when another follows (`,` consumed), false at the end (`}` consumed).
    mutating func nextMember() throws(WireJSONError) -> Bool {
        skipSpace()
        guard i < b.count else { throw Self.giveUp }
        if b[i] == UInt8(ascii: ",") { i += 1; return true }
        if b[i] == UInt8(ascii: "}") { i += 1; depth -= 1; return false }
        throw Self.giveUp
    }

    /// Consumes `[`; false when the array is empty (its `]` consumed too).
    mutating func enterArray() throws(WireJSONError) -> Bool {
        skipSpace()
        guard i < b.count, b[i] == UInt8(ascii: "[") else { throw Self.giveUp }
        depth += 1
        guard depth < 64 else { throw Self.giveUp }
        i += 1
        skipSpace()
        if i < b.count, b[i] == UInt8(ascii: "]") { i += 1; depth -= 1; return false }
        return true
    }

    /// After an element: true when another follows, false at the end (`]` consumed).
    mutating func nextElement() throws(WireJSONError) -> Bool {
        skipSpace()
        guard i < b.count else { throw Self.giveUp }
        if b[i] == UInt8(ascii: ",") { i += 1; return true }
        if b[i] == UInt8(ascii: "]") { i += 1; depth -= 1; return false }
        throw Self.giveUp
    }

    /// Whether the key bytes spell `word`.
    func keyIs(_ key: Range<Int>, _ word: StaticString) -> Bool {
        guard key.count == word.utf8CodeUnitCount else { return false }
        let w = word.utf8Start
        var k = 0
        for j in key {
            if b[j] != w[k] { return false }
            k += 1
        }
        return true
    }

    /// The next byte after whitespace (nil at the end).
    mutating func peek() -> UInt8? {
        skipSpace()
        return i < b.count ? b[i] : nil
    }

    // MARK: scalars

    mutating func directString() throws(WireJSONError) -> String {
        guard peek() == UInt8(ascii: "\"") else { throw Self.giveUp }
        return try string()
    }

    /// A number as the tree reads it: `.integer` for a plain integer that fits, else `.double`.
    mutating func directNumber() throws(WireJSONError) -> JSONValue {
        skipSpace()
        let start = i
        var negative = false
        if i < b.count, b[i] == UInt8(ascii: "-") { negative = true; i += 1 }
        let digits = i
        var v: Int64 = 0
        while i < b.count, b[i] >= 48, b[i] <= 57, i - digits < 18 {
            v = v &* 10 &+ Int64(b[i] &- 48)
            i += 1
        }
        if i > digits, i == b.count || !(b[i] >= 48 && b[i] <= 57 || b[i] == UInt8(ascii: ".") || b[i] | 0x20 == UInt8(ascii: "e")) {
            return .integer(negative ? -v : v)
        }
        i = start
        return try number()
    }

    mutating func directInteger() throws(WireJSONError) -> Int64 {
        guard case .integer(let v) = try directNumber() else { throw Self.giveUp }
        return v
    }

    mutating func directSite() throws(WireJSONError) -> SiteID {
        guard let s = SiteID(hex: try directString()) else { throw Self.giveUp }
        return s
    }

    /// Skips the value of a member nobody reads (still checked to be valid JSON).
    mutating func skipValue() throws(WireJSONError) { _ = try value() }

    // MARK: wire types

    /// `{"clock": n, "site": "hex"}`.
    mutating func directID() throws(WireJSONError) -> ChangeID {
        var clock: Int64?
        var site: SiteID?
        if try enterObject() {
            repeat {
                let k = try memberKey()
                if keyIs(k, "clock") {
                    guard clock == nil else { throw Self.giveUp }
                    clock = try directInteger()
                } else if keyIs(k, "site") {
                    guard site == nil else { throw Self.giveUp }
                    site = try directSite()
                } else {
                    try skipValue()
                }
            } while try nextMember()
        }
        guard let clock, let site else { throw Self.giveUp }
        return ChangeID(clock: HybridTimestamp(rawValue: clock), site: site)
    }

    /// A cell value: null, an integer, a string, or `{"r": number}`.
    mutating func directCell() throws(WireJSONError) -> CellValue {
        guard let first = peek() else { throw Self.giveUp }
        switch first {
        case UInt8(ascii: "\""): return .text(try string())
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "{"):
            guard try enterObject() else { throw Self.giveUp }
            guard keyIs(try memberKey(), "r") else { throw Self.giveUp }
            let d: Double
            switch try directNumber() {
            case .integer(let n): d = Double(n)
            case .double(let x): d = x
            default: throw Self.giveUp
            }
            guard try !nextMember() else { throw Self.giveUp }
            return .real(d)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            switch try directNumber() {
            case .integer(let n): return .integer(n)
            case .double(let d) where d == d.rounded() && abs(d) < 9.0e15: return .integer(Int64(d))
            default: throw Self.giveUp
            }
        default: throw Self.giveUp
        }
    }

    /// One change object. `names` carries the column names met in earlier changes, to reuse.
    mutating func directChange(_ names: inout KeyNames) throws(WireJSONError) -> Change {
        var table: String?, row: String?, unit: String?, office: String?
        var clock: Int64?
        var site: SiteID?
        var values: CellValues?
        var base: ChangeID?, baseSeen = false
        var seen: [String: ChangeID]?, seenSeen = false
        var resolves: [ChangeID]?, resolvesSeen = false
        guard try enterObject() else { throw Self.giveUp }
        repeat {
            let k = try memberKey()
            switch k.count {
            case 3 where keyIs(k, "row"):
                guard row == nil else { throw Self.giveUp }
                row = try directString()
            case 4 where keyIs(k, "unit"):
                guard unit == nil else { throw Self.giveUp }
                unit = try directString()
            case 4 where keyIs(k, "site"):
                guard site == nil else { throw Self.giveUp }
                site = try directSite()
            case 4 where keyIs(k, "base"):
                guard !baseSeen else { throw Self.giveUp }
                baseSeen = true
                if peek() == UInt8(ascii: "n") { try literal("null") } else { base = try directID() }
            case 4 where keyIs(k, "seen"):
                guard !seenSeen else { throw Self.giveUp }
                seenSeen = true
                if peek() == UInt8(ascii: "{") {
                    var s: [String: ChangeID] = [:]
                    if try enterObject() {
                        repeat {
                            let key = try memberKey()
                            s[String(decoding: UnsafeBufferPointer(rebasing: b[key]), as: UTF8.self)] = try directID()
                        } while try nextMember()
                    }
                    seen = s
                } else {
                    try skipValue()
                }
            case 5 where keyIs(k, "table"):
                guard table == nil else { throw Self.giveUp }
                table = try directString()
            case 5 where keyIs(k, "clock"):
                guard clock == nil else { throw Self.giveUp }
                clock = try directInteger()
            case 6 where keyIs(k, "office"):
                guard office == nil else { throw Self.giveUp }
                office = try directString()
            case 6 where keyIs(k, "values"):
                guard values == nil else { throw Self.giveUp }
                var v = CellValues(minimumCapacity: names.count)
                if try enterObject() {
                    var n = 0
                    repeat {
                        let key = try memberKey()
                        v[names.name(UnsafeBufferPointer(rebasing: b[key]), at: n)] = try directCell()
                        n += 1
                    } while try nextMember()
                }
                values = v
            case 8 where keyIs(k, "resolves"):
                guard !resolvesSeen else { throw Self.giveUp }
                resolvesSeen = true
                if peek() == UInt8(ascii: "[") {
                    var r: [ChangeID] = []
                    if try enterArray() {
                        repeat { r.append(try directID()) } while try nextElement()
                    }
                    resolves = r
                } else {
                    try skipValue()
                }
            default:
                try skipValue()
            }
        } while try nextMember()
        guard let table, let row, let unit, let office, let clock, let site, let values else { throw Self.giveUp }
        return Change(table: table, rowID: row, unit: unit, values: values, clock: HybridTimestamp(rawValue: clock), site: site,
                      office: office, base: base, seen: seen, resolves: resolves)
    }

    /// `[change, …]`.
    mutating func directChanges() throws(WireJSONError) -> [Change] {
        var out: [Change] = []
        var names = KeyNames()
        if try enterArray() {
            repeat { out.append(try directChange(&names)) } while try nextElement()
        }
        return out
    }

    mutating func directPushRequest() throws(WireJSONError) -> PushRequest {
        var batchID: String?, replica: SiteID?, seq: Int64?, changes: [Change]?
        guard try enterObject() else { throw Self.giveUp }
        repeat {
            let k = try memberKey()
            if keyIs(k, "batch_id") {
                guard batchID == nil else { throw Self.giveUp }
                batchID = try directString()
            } else if keyIs(k, "replica") {
                guard replica == nil else { throw Self.giveUp }
                replica = try directSite()
            } else if keyIs(k, "seq") {
                guard seq == nil else { throw Self.giveUp }
                seq = try directInteger()
            } else if keyIs(k, "changes") {
                guard changes == nil else { throw Self.giveUp }
                changes = try directChanges()
            } else {
                try skipValue()
            }
        } while try nextMember()
        guard let batchID, let replica, let seq, let changes else { throw Self.giveUp }
        return PushRequest(batchID: batchID, replica: replica, seq: seq, changes: changes)
    }

    mutating func directPullResponse() throws(WireJSONError) -> PullResponse {
        var changes: [Change]?, cursor: Int64?, more: Bool?, checksum: String?
        guard try enterObject() else { throw Self.giveUp }
        repeat {
            let k = try memberKey()
            if keyIs(k, "changes") {
                guard changes == nil else { throw Self.giveUp }
                changes = try directChanges()
            } else if keyIs(k, "cursor") {
                guard cursor == nil else { throw Self.giveUp }
                cursor = try directInteger()
            } else if keyIs(k, "more") {
                guard more == nil else { throw Self.giveUp }
                switch peek() {
                case UInt8(ascii: "t"): try literal("true"); more = true
                case UInt8(ascii: "f"): try literal("false"); more = false
                default: throw Self.giveUp
                }
            } else if keyIs(k, "checksum") {
                guard checksum == nil else { throw Self.giveUp }
                checksum = try directString()
            } else {
                try skipValue()
            }
        } while try nextMember()
        guard let changes, let cursor, let more, let checksum else { throw Self.giveUp }
        return PullResponse(changes: changes, cursor: cursor, more: more, checksum: checksum)
    }
}

/// Column names met in earlier changes of a document, by position among a change's values: the changes of
/// one table carry the same names in the same order, so each name is decoded (and allocated) once per
/// batch rather than once per change.
struct KeyNames {
    private var names: [String] = []

    var count: Int { names.count }

    /// The name spelled by `bytes`, the `n`th value of its change.
    mutating func name(_ bytes: UnsafeBufferPointer<UInt8>, at n: Int) -> String {
        if n < names.count {
            var cached = names[n]
            if cached.withUTF8({ $0.elementsEqual(bytes) }) { return cached }
            cached = String(decoding: bytes, as: UTF8.self)
            names[n] = cached
            return cached
        }
        let name = String(decoding: bytes, as: UTF8.self)
        if n == names.count { names.append(name) }
        return name
    }
}
