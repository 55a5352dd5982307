/// Folding of what clerks type into the plain ASCII our parsers read.
///
/// Only the full-width forms of the ASCII range (U+FF01–U+FF5E, U+3000) are folded — that is what
/// NFKC does to them — so the rest of the text is left alone and no Foundation is needed.
enum TextFolding {
    /// Characters treated as whitespace around and inside typed values (incl. NBSP, ideographic
    /// space, zero-width space and the byte-order mark Excel exports sometimes leave behind).
    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D, 0x20, 0xA0, 0x2007, 0x200B, 0x202F, 0x3000, 0xFEFF: true
        default: false
        }
    }

    /// The text with full-width ASCII folded to ASCII, and whether anything was folded.
    static func foldWidth(_ text: String) -> (text: String, folded: Bool) {
        var scalars = String.UnicodeScalarView()
        var folded = false
        for scalar in text.unicodeScalars {
            if (0xFF01...0xFF5E).contains(scalar.value), let ascii = Unicode.Scalar(scalar.value - 0xFEE0) {
                scalars.append(ascii)
                folded = true
            } else if scalar.value == 0x3000 {
                scalars.append(" ")
                folded = true
            } else {
                scalars.append(scalar)
            }
        }
        return (String(scalars), folded)
    }

    /// The text without leading and trailing whitespace (see `isSpace`).
    static func trimmed(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        guard let first = scalars.firstIndex(where: { !isSpace($0) }),
              let last = scalars.lastIndex(where: { !isSpace($0) })
        else { return "" }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[first...last])
        return String(view)
    }

    /// The text without any whitespace, and whether any inner whitespace was removed.
    static func removingSpaces(_ text: String) -> (text: String, removed: Bool) {
        var view = String.UnicodeScalarView()
        var removed = false
        for scalar in trimmed(text).unicodeScalars {
            if isSpace(scalar) { removed = true } else { view.append(scalar) }
        }
        return (String(view), removed)
    }

    /// Whether the text looks like a number Excel printed in scientific notation (`9.14101E+17`).
    static func isScientificNotation(_ text: String) -> Bool {
        let upper = Array(text.uppercased().unicodeScalars)
        guard let e = upper.firstIndex(of: "E"), e > 0, e < upper.count - 1 else { return false }
        var mantissa = upper[..<e]
        if mantissa.first == "-" { mantissa = mantissa.dropFirst() }
        var exponent = upper[(e + 1)...]
        if let sign = exponent.first, sign == "+" || sign == "-" { exponent = exponent.dropFirst() }
        let isDigit: (Unicode.Scalar) -> Bool = { ("0"..."9").contains($0) }
        return mantissa.filter { $0 == "." }.count <= 1 && mantissa.contains(where: isDigit)
            && mantissa.allSatisfy { isDigit($0) || $0 == "." }
            && !exponent.isEmpty && exponent.allSatisfy(isDigit)
    }
}
