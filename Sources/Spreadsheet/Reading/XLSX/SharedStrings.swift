/// `xl/sharedStrings.xml`: the text of every `t="s"` cell, by index. Rich-text runs are joined; phonetic
/// runs (`<rPh>`) are left out. Small tables stay in memory; large ones (1M-row sheets hold millions of
/// distinct strings) go to an unlinked temporary file read through a memory map, so resident memory stays
/// bounded (see `SpilledStrings`).
final class SharedStrings {
    private var strings: [String] = []
    private var spill: SpilledStrings?
    /// Indexes of strings longer than the cell limit (their length); their text is not kept.
    private(set) var tooLong: [Int: Int] = [:]
    private(set) var count = 0

    static var empty: SharedStrings { SharedStrings() }

    /// The string at `index`, or nil if there is no such string.
    @inline(__always)
    func string(at index: Int) -> String? {
        guard index >= 0, index < count else { return nil }
        if let spill { return spill.string(at: index) }
        return strings[index]
    }

    /// Lets the kernel take back the memory-mapped pages (they are re-read from the page cache on demand).
    func releaseResidentPages() { spill?.dropResidentPages() }

    static func read(_ tokens: XMLTokenizer, spillAbove: Int64, declaredSize: Int64, maxCharacters: Int) throws -> SharedStrings {
        let table = SharedStrings()
        if declaredSize > spillAbove { table.spill = try SpilledStrings(fileName: tokens.fileName) }
        var inString = false
        var inText = false
        var phoneticDepth = 0
        var current = ""
        var oversized = 0
        while true {
            switch try tokens.next() {
            case .endOfDocument:
                try table.spill?.finish()
                return table
            case .start(let name, _, let selfClosing):
                if tokens.name(name, is: "si") {
                    current = ""
                    oversized = 0
                    inString = !selfClosing
                    if selfClosing { try table.append("", oversized: 0, maxCharacters: maxCharacters) }
                } else if tokens.name(name, is: "rPh") {
                    if !selfClosing { phoneticDepth += 1 }
                } else if tokens.name(name, is: "t") {
                    inText = !selfClosing && inString && phoneticDepth == 0
                }
            case .end(let name):
                if tokens.name(name, is: "t") {
                    inText = false
                } else if tokens.name(name, is: "rPh") {
                    phoneticDepth = max(0, phoneticDepth - 1)
                } else if tokens.name(name, is: "si") {
                    try table.append(current, oversized: oversized, maxCharacters: maxCharacters)
                    inString = false
                }
            case .text(let range, let cdata):
                if inText {
                    current += try tokens.text(range, cdata: cdata)
                    if current.utf8.count > maxCharacters * 4 { oversized = current.utf16.count; current = "" }
                }
            case .oversizedText(let byteCount):
                if inText { oversized = max(oversized, byteCount) }
            }
        }
    }

    private func append(_ text: String, oversized: Int, maxCharacters: Int) throws {
        var text = text
        var length = oversized
        if length == 0, text.utf8.count > maxCharacters {
            let units = text.utf16.count
            if units > maxCharacters { length = units }
        }
        if length > 0 {
            tooLong[count] = length
            text = ""
        }
        if let spill { try spill.append(text) } else { strings.append(text) }
        count += 1
    }
}
