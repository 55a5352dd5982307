internal import Domain

extension Replica {
    /// The catalog table named `name`, or an error naming it.
    func table(_ name: String) throws -> Table {
        guard let t = catalog.table(name) else { throw ReplicaError.unknownTable(name) }
        return t
    }
}
