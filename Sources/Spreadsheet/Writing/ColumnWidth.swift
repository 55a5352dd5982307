/// Column widths fitted to text, since libxlsxwriter 1.1.4 has no autofit.
///
/// Excel measures widths in "characters" of the default 11 pt font. East Asian wide and full-width
/// characters (汉字, full-width punctuation, kana, hangul) take two units, others one; the result is
/// scaled by the font size. Multi-line text is measured by its longest line.
public enum ColumnWidth {
    /// Display units of `text` at 11 pt: wide characters 2, others 1; the longest line of multi-line text.
    public static func units(_ text: String) -> Int {
        var best = 0, line = 0
        for scalar in text.unicodeScalars {
            if scalar == "\n" { best = max(best, line); line = 0; continue }
            line += isWide(scalar) ? 2 : 1
        }
        return max(best, line)
    }

    /// The column width (Excel character units) that shows `text` in a font of `fontSize` points,
    /// with one unit of padding, clamped to `minimum...maximum`.
    public static func fitting(_ text: String, fontSize: Double = 11, minimum: Double = 4, maximum: Double = 60) -> Double {
        let raw = Double(units(text)) * fontSize / 11 + 1
        return min(max(raw.rounded(.up), minimum), maximum)
    }

    /// Whether a scalar is East Asian Wide or Fullwidth (Unicode UAX #11, the ranges that matter here).
    public static func isWide(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
             0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6,
             0x20000...0x2FFFD, 0x30000...0x3FFFD:
            return true
        default:
            return false
        }
    }
}
