public import SyncModel
internal import Foundation

/// The per-replica batch rules every central store applies before merging a push: a replica belongs to one
/// office; a batch already handled gets its stored answer again (same batch id) or a clear refusal; the next
/// batch must be exactly one after the last. Stores read what they know and call these two checks.
public enum PushSequencing {
    /// What the store does with a push.
    public enum Decision: Sendable, Equatable {
        /// The next batch: merge it.
        case merge
        /// An earlier batch: answer with what was stored for `seq`.
        case replay
    }

    /// Checks `request` against the replica's office and last sequence as the store knows them (nil: a
    /// replica never seen).
    public static func decide(_ request: PushRequest, office: String, known: (office: String?, lastSeq: Int64)?) throws -> Decision {
        if let owner = known?.office, owner != office {
            throw SyncFailure(status: 403, code: "auth.replica_office", message: "此副本属于单位 \(owner)，不能用 \(office) 的令牌同步")
        }
        let last = known?.lastSeq ?? 0
        if request.seq <= last { return .replay }
        guard request.seq == last + 1 else {
            throw SyncFailure.conflict(SyncProtocol.sequenceGapCode, "批次序号不连续：服务器期望第 \(last + 1) 批，收到第 \(request.seq) 批；本地修改都已保留")
        }
        return .merge
    }

    /// The stored answer for a replayed batch, given the stored batch id and answer bytes (nil when cleared).
    public static func replay(_ request: PushRequest, stored: (batchID: String?, answer: [UInt8])?) throws -> PushResponse {
        guard let stored else {
            throw SyncFailure.conflict("push.too_old", "批次 \(request.seq) 早已处理且答复已清理；请直接同步后续批次")
        }
        guard stored.batchID == request.batchID else {
            throw SyncFailure.conflict("push.seq_reused", "批次序号 \(request.seq) 已被另一批数据使用；副本状态异常，请联系系统管理员")
        }
        return try JSONDecoder().decode(PushResponse.self, from: Data(stored.answer))
    }
}
