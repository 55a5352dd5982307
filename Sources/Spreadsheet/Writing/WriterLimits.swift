#if canImport(Glibc)
import Glibc
#endif

/// The limits of the xlsx format and of libxlsxwriter 1.1.4 that the writer checks before calling C.
public enum WriterLimits {
    public static let rows = 1_048_576
    public static let columns = 16_384
    /// Characters (Unicode scalars, as libxlsxwriter counts UTF-8 characters) per cell.
    public static let cellCharacters = 32_767
    public static let sheetNameCharacters = 31
    /// Header and footer text, characters.
    public static let headerFooterCharacters = 255
    /// Defined name and its formula: 1.1.4 copies both into 128-byte buffers.
    public static let definedNameBytes = 127
    /// Excel's formula length limit, characters.
    public static let formulaCharacters = 8_192
    public static let fontSizeRange: ClosedRange<Double> = 1...409
    /// Column width in character units (Excel's maximum is 255).
    public static let columnWidthRange: ClosedRange<Double> = 0...255

    static let forbiddenSheetNameCharacters: Set<Character> = ["[", "]", ":", "*", "?", "/", "\\"]

    /// Throws unless `name` is a legal sheet name: 1–31 characters, none of `[]:*?/\`, no apostrophe
    /// at either end, no control characters.
    public static func checkSheetName(_ name: String) throws {
        let count = name.unicodeScalars.count
        guard count >= 1, count <= sheetNameCharacters else {
            throw XlsxError(.invalidSheetName, "工作表名「\(name)」长度为 \(count) 个字符，应为 1–\(sheetNameCharacters) 个")
        }
        if let bad = name.first(where: forbiddenSheetNameCharacters.contains) {
            throw XlsxError(.invalidSheetName, "工作表名「\(name)」含有不允许的字符「\(bad)」（不能含 [ ] : * ? / \\）")
        }
        if name.hasPrefix("'") || name.hasSuffix("'") {
            throw XlsxError(.invalidSheetName, "工作表名「\(name)」不能以单引号开头或结尾")
        }
        if name.unicodeScalars.contains(where: { $0.value < 0x20 }) {
            throw XlsxError(.invalidSheetName, "工作表名「\(name)」含有控制字符")
        }
    }

    /// Throws unless `text` can be stored in one cell (length, no NUL which C would cut at).
    static func checkCellText(_ text: String, at place: @autoclosure () -> String) throws {
        var text = text
        try text.withUTF8 { try checkCellText(utf8: UnsafeRawBufferPointer($0), at: place()) }
    }

    /// The same check over UTF-8 bytes (without a terminating NUL).
    static func checkCellText(utf8 bytes: UnsafeRawBufferPointer, at place: @autoclosure () -> String) throws {
        if bytes.count > cellCharacters {
            // Bytes bound characters from above: only long texts need counting.
            let count = String(decoding: bytes, as: UTF8.self).unicodeScalars.count
            guard count <= cellCharacters else {
                throw XlsxError(.stringTooLong, "\(place())：文字长度 \(count) 个字符，超过单元格上限 \(cellCharacters)")
            }
        }
        guard let base = bytes.baseAddress, memchr(base, 0, bytes.count) != nil else { return }
        throw XlsxError(.invalidArgument, "\(place())：文字含有 NUL 字符，无法写入")
    }
}
