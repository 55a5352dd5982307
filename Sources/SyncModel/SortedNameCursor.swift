/// A walk through names sorted in `CellValues` order that finds other names given in the same order: a
/// merge join of two sorted lists, with no lookups. A change's values and a table's columns are both kept
/// in that order, so one pass over each lines them up.
public struct SortedNameCursor {
    public let names: [String]
    /// Where the next `seek` starts: the names before it were passed.
    @usableFromInline var position = 0

    public init(_ names: [String]) { self.names = names }

    /// The index of `name` among `names`, passing the smaller names before it; nil when absent (the larger
    /// names stay for the next call). Successive calls must name increasing names.
    @inlinable
    public mutating func seek(_ name: String) -> Int? {
        while position < names.count {
            // Equal names first: for short (inline) strings `==` compares two words, and most seeks find
            // the very next name.
            if names[position] == name {
                position += 1
                return position - 1
            }
            let order = CellValues.compare(names[position], name)
            if order > 0 { return nil }
            position += 1
            if order == 0 { return position - 1 }
        }
        return nil
    }
}
