import ArgumentParser

/// `userFacing` for commands that talk to a store asynchronously (PostgreSQL).
func userFacing(_ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch let e as ExitCode {
        throw e
    } catch let e as ValidationError {
        throw e
    } catch {
        try userFacing { throw error }
    }
}
