/// What went wrong with a replica, with a stable code, a clerk-facing Chinese message and the cause.
public struct ReplicaError: Error, Sendable, CustomStringConvertible {
    /// Stable machine-readable code, e.g. `replica.unknown_office`.
    public let code: String
    /// What the clerk reads.
    public let message: String
    /// The underlying error, if any (never contains bound values or personal data).
    public let cause: String?

    public init(code: String, message: String, cause: String? = nil) {
        self.code = code
        self.message = message
        self.cause = cause
    }

    public var description: String {
        cause.map { "\(message)（\(code)：\($0)）" } ?? "\(message)（\(code)）"
    }

    static func unknownOffice(_ code: String) -> ReplicaError {
        ReplicaError(code: "replica.unknown_office", message: "单位代码 \(code) 不在单位名录中，请核对（例如二七区淮河路街道为 410103001）")
    }
    static func notAReplica(_ path: String, cause: String? = nil) -> ReplicaError {
        ReplicaError(code: "replica.not_a_replica", message: "文件 \(path) 已存在，但不是 DistrictSync 副本；为避免覆盖，未做任何修改", cause: cause)
    }
    static func otherOffice(_ path: String, existing: String, requested: String) -> ReplicaError {
        ReplicaError(code: "replica.other_office", message: "副本 \(path) 属于单位 \(existing)，不能再初始化为 \(requested)")
    }
    static func unwritable(_ path: String, cause: String) -> ReplicaError {
        ReplicaError(code: "replica.unwritable", message: "无法在 \(path) 创建副本：目录不存在或没有写权限", cause: cause)
    }
    static func missing(_ path: String) -> ReplicaError {
        ReplicaError(code: "replica.missing", message: "找不到副本 \(path)；请先运行 dsync init --office 单位代码")
    }
    static func tooNew(_ path: String, version: Int, supported: Int) -> ReplicaError {
        ReplicaError(code: "replica.too_new", message: "副本 \(path) 由更新版本的 DistrictSync 创建（格式 \(version)，本程序支持到 \(supported)），请升级 dsync")
    }
    static func nonFinite(_ table: String) -> ReplicaError {
        ReplicaError(code: "replica.non_finite", message: "表 \(table) 中有无效数值（NaN 或无穷大），无法上报；请改正后再同步")
    }
    static func unknownTable(_ name: String) -> ReplicaError {
        ReplicaError(code: "replica.unknown_table", message: "没有名为 \(name) 的数据表")
    }
    static func unknownColumn(_ table: String, _ column: String) -> ReplicaError {
        ReplicaError(code: "replica.unknown_column", message: "数据表 \(table) 没有字段 \(column)")
    }
    static func rowNotFound(_ table: String, _ id: String) -> ReplicaError {
        ReplicaError(code: "replica.row_not_found", message: "数据表 \(table) 中没有 id 为 \(id) 的记录")
    }
}
