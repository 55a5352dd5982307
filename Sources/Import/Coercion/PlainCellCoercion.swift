import Domain
import Spreadsheet
import SQLiteDB

/// The common, already clean spellings of one column's cells, stored without the general rules: chosen
/// once per column, decided on the cell's UTF-8 bytes, no allocation. Anything it does not recognise
/// (`nil`) goes to ``FieldCoercer``, which gives the same value for every cell this accepts — so the
/// fast path changes speed, never results or messages.
struct PlainCellCoercion {
    private enum Kind {
        /// Free text with nothing to trim.
        case text
        /// A code of printable ASCII with nothing to trim or fold.
        case code
        /// A canonical 18-character credit code.
        case creditCode
        /// ASCII digits with at most one `.` in a known unit.
        case money(MoneyUnit)
        /// No fast path (dates, references, lists …).
        case general
    }

    private let kind: Kind

    init(_ binding: ColumnBinding) {
        switch binding.field.type {
        case .text: kind = .text
        case .code: kind = FieldCoercer.isCreditCode(binding.field) ? .creditCode : .code
        case .money: kind = (binding.unit ?? binding.field.unit).map(Kind.money) ?? .general
        default: kind = .general
        }
    }

    /// The stored value of `cell`, or nil when ``FieldCoercer/value(_:_:notes:)`` must decide.
    func value(_ cell: SheetCell) -> SQLValue? {
        guard case .text(let text) = cell else { return cell == .empty ? .null : nil }
        switch kind {
        case .general: return nil
        case .text: return FieldCoercer.hasNoSpaceAtEnds(text) ? .text(text) : nil
        case .code: return Self.isPlainASCII(text) ? .text(text) : nil
        case .creditCode: return CreditCode.isCanonical(text) ? .text(text) : nil
        case .money(let unit): return FieldCoercer.plainAmount(text, unit).map(SQLValue.integer)
        }
    }

    /// Printable ASCII from end to end (no space at either end, nothing full-width to fold).
    private static func isPlainASCII(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            guard let first = bytes.first, let last = bytes.last, first != 0x20, last != 0x20 else { return false }
            for b in bytes where b < 0x20 || b >= 0x7F { return false }
            return true
        }
    }
}
