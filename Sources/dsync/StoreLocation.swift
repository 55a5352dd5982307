import CentralStore
import PostgresCentralStore
import SyncModel

/// `--store`: a SQLite file path or a `postgres://user[:password]@host[:port]/database` URL.
enum StoreLocation {
    /// Opens the store `text` names (creating its tables when missing).
    static func open(_ text: String) async throws -> any CentralStore {
        if PostgresURL.isPostgres(text) {
            guard let url = PostgresURL(text) else {
                throw SyncFailure(status: 400, code: "store.bad_url", message: "无法识别的 PostgreSQL 地址 \(text)；格式为 postgres://用户@主机:端口/数据库")
            }
            return try await PostgresCentralStore.open(url)
        }
        return try SQLiteCentralStore(path: text)
    }
}
