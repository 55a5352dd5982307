/// The values a change carries, by column name: a small map kept sorted by the names' UTF-8 bytes — the
/// order they are written in on the wire, so one change has one encoding.
///
/// Built in that order (a table read in sorted column order, a canonical JSON object), every insert is an
/// append after one comparison; encoding and merging walk it in order instead of hashing every name, which
/// was the largest single cost of a push when this was a `Dictionary`. Names compare by bytes, not by
/// Unicode equivalence, exactly as the wire order does.
public struct CellValues: Sendable, Hashable, RandomAccessCollection {
    public typealias Element = (key: String, value: CellValue)
    public typealias Index = Int

    /// The column names, in UTF-8 byte order, without repeats.
    public private(set) var keys: [String]
    /// The values, in the order of `keys`.
    public private(set) var values: [CellValue]

    public init() {
        keys = []
        values = []
    }

    public init(minimumCapacity n: Int) {
        self.init()
        keys.reserveCapacity(n)
        values.reserveCapacity(n)
    }

    /// From a dictionary (any order).
    public init(_ dictionary: [String: CellValue]) {
        self.init(minimumCapacity: dictionary.count)
        for (k, v) in dictionary { self[k] = v }
    }

    /// The same values as a dictionary.
    public var dictionary: [String: CellValue] {
        var d = [String: CellValue](minimumCapacity: keys.count)
        for i in keys.indices { d[keys[i]] = values[i] }
        return d
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { keys.count }
    public subscript(position: Int) -> Element { (keys[position], values[position]) }

    /// The value of column `key`; setting nil removes it. Setting a name after the last one appends.
    public subscript(key: String) -> CellValue? {
        get {
            let (found, at) = position(of: key)
            return found ? values[at] : nil
        }
        set {
            if let newValue, let last = keys.last, Self.compare(last, key) < 0 {
                keys.append(key)
                values.append(newValue)
                return
            }
            let (found, at) = position(of: key)
            switch (found, newValue) {
            case (true, let v?): values[at] = v
            case (true, nil): keys.remove(at: at); values.remove(at: at)
            case (false, let v?): keys.insert(key, at: at); values.insert(v, at: at)
            case (false, nil): break
            }
        }
    }

    /// Removes column `key`, returning its value.
    @discardableResult
    public mutating func removeValue(forKey key: String) -> CellValue? {
        let old = self[key]
        self[key] = nil
        return old
    }

    /// Binary search: whether `key` is held, and its position (or where it would go).
    private func position(of key: String) -> (found: Bool, at: Int) {
        var lo = 0, hi = keys.count
        while lo < hi {
            let mid = (lo + hi) / 2
            let c = Self.compare(keys[mid], key)
            if c == 0 { return (true, mid) }
            if c < 0 { lo = mid + 1 } else { hi = mid }
        }
        return (false, lo)
    }

    /// Orders two names by their UTF-8 bytes: negative, zero or positive.
    public static func compare(_ a: String, _ b: String) -> Int {
        let fast = a.utf8.withContiguousStorageIfAvailable { ua in
            b.utf8.withContiguousStorageIfAvailable { ub in compare(ua, ub) }
        }
        if let fast, let c = fast { return c }
        return compare(Array(a.utf8), Array(b.utf8))
    }

    @inline(__always)
    private static func compare(_ ua: some RandomAccessCollection<UInt8>, _ ub: some RandomAccessCollection<UInt8>) -> Int {
        var i = ua.startIndex, j = ub.startIndex
        while i != ua.endIndex && j != ub.endIndex {
            if ua[i] != ub[j] { return Int(ua[i]) - Int(ub[j]) }
            ua.formIndex(after: &i)
            ub.formIndex(after: &j)
        }
        return ua.count - ub.count
    }

    public static func == (l: CellValues, r: CellValues) -> Bool {
        l.values == r.values && l.keys.count == r.keys.count && zip(l.keys, r.keys).allSatisfy { compare($0, $1) == 0 }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(keys.count)
        for k in keys { hasher.combine(k) }
        hasher.combine(values)
    }
}

extension CellValues: ExpressibleByDictionaryLiteral {
    public init(dictionaryLiteral elements: (String, CellValue)...) {
        self.init(minimumCapacity: elements.count)
        for (k, v) in elements { self[k] = v }
    }
}

extension CellValues: Codable {
    private struct Name: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// A JSON object, like the dictionary it stands for.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Name.self)
        self.init(minimumCapacity: c.allKeys.count)
        for k in c.allKeys { self[k.stringValue] = try c.decode(CellValue.self, forKey: k) }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Name.self)
        for i in keys.indices { try c.encode(values[i], forKey: Name(stringValue: keys[i])) }
    }
}
