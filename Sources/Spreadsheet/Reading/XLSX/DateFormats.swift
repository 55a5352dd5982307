/// Which number formats show a number as a date or time.
enum DateFormats {
    /// Built-in ids that are dates or times: 14–22, the CJK locale dates 27–36 and 50–58, and 45–47.
    static func isBuiltInDate(_ id: Int) -> Bool {
        (14...22).contains(id) || (27...36).contains(id) || (45...47).contains(id) || (50...58).contains(id)
    }

    /// A custom format code is a date/time if its first section has y, m, d, h or s outside quoted text
    /// (`"年"`), escapes (`\x`, `_x`, `*x`) and brackets (`[Red]`, `[$-804]`, `[h]`).
    static func isDateFormat(_ code: String) -> Bool {
        var quoted = false
        var bracket = false
        var skipNext = false
        for ch in code {
            if skipNext { skipNext = false; continue }
            if quoted { if ch == "\"" { quoted = false }; continue }
            if bracket { if ch == "]" { bracket = false }; continue }
            switch ch {
            case "\"": quoted = true
            case "[": bracket = true
            case "\\", "_", "*": skipNext = true
            case ";": return false
            case "y", "Y", "m", "M", "d", "D", "h", "H", "s", "S": return true
            default: continue
            }
        }
        return false
    }
}
