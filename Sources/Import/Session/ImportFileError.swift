/// A file the importer could not open or read (before any spreadsheet reader is involved).
public struct ImportFileError: Error, CustomStringConvertible {
    public let description: String
    init(_ d: String) { description = d }
}
