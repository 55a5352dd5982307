#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
import Hummingbird
import Logging
import SyncModel

extension SyncResponder {
    /// `POST /v1/push`: bounded body → (gzip) → `PushRequest` → batch size → `backend.push`.
    func push(_ request: Request, token: String, metadata: inout Logger.Metadata) async throws -> JSONReply {
        let receiving = ContinuousClock.now
        let bytes = try await request.boundedBody()
        let received = ContinuousClock.now - receiving
        var batch: PushRequest
        do {
            // The hand-written wire codec: Foundation's JSONDecoder was most of a push's cost on Linux.
            batch = try WireJSON.decodePushRequest(bytes)
        } catch {
            throw SyncFailure.malformedJSON(at: error.description)
        }
        metadata["replica"] = "\(batch.replica.hex)"
        metadata["changes"] = "\(batch.changes.count)"
        guard batch.changes.count <= SyncProtocol.maxPushChanges else { throw SyncFailure.batchTooLarge(count: batch.changes.count) }
        // Here, not in the store's transaction: while the batch before this one is being merged.
        batch.prepareWireChanges()
        let answer = try await backend.push(batch, token: token)
        metadata["accepted"] = "\(answer.accepted)"
        metadata["rejected"] = "\(answer.rejected.count)"
        var reply = try JSONReply.ok(answer)
        // How long the body took to arrive: the client picks its next batch's gzip level from it (LinkCompression).
        reply.extraHeaders[.serverTiming] = "\(LinkCompression.receiveMetric);dur=\(Self.milliseconds(received))"
        return reply
    }
}
