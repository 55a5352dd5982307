import Foundation

/// Reads a whole RFC 4180 CSV file into memory as rows of fields (the anchor's preload phase).
enum CSVPreload {
    static func load(_ path: String) throws -> [[String]] {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        var rows: [[String]] = []
        var row: [String] = []
        var field: [UInt8] = []
        var quoted = false
        var i = data.startIndex
        let bytes = [UInt8](data)
        i = 0
        func endField() { row.append(String(decoding: field, as: UTF8.self)); field.removeAll(keepingCapacity: true) }
        while i < bytes.count {
            let b = bytes[i]
            if quoted {
                if b == 34 {
                    if i + 1 < bytes.count && bytes[i + 1] == 34 { field.append(34); i += 1 } else { quoted = false }
                } else { field.append(b) }
            } else if b == 34 && field.isEmpty {
                quoted = true
            } else if b == 44 {
                endField()
            } else if b == 10 {
                endField(); rows.append(row); row.removeAll(keepingCapacity: true)
            } else if b != 13 {
                field.append(b)
            }
            i += 1
        }
        if !field.isEmpty || !row.isEmpty { endField(); rows.append(row) }
        return rows
    }
}
