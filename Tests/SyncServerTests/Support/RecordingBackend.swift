import Synchronization
import SyncModel
import SyncServer

/// A `SyncBackend` test double: records what the HTTP layer hands it and returns canned answers.
final class RecordingBackend: SyncBackend {
    struct Pull: Sendable, Equatable {
        var after: Int64
        var limit: Int
        var token: String
    }

    struct Push: Sendable, Equatable {
        var request: PushRequest
        var token: String
    }

    private struct Log {
        var pushes: [Push] = []
        var pulls: [Pull] = []
    }

    let schemaVersion: Int
    let pushAnswer: Result<PushResponse, SyncFailure>
    let pullAnswer: Result<PullResponse, SyncFailure>
    let statusAnswer: Result<ServerStatus, SyncFailure>
    private let log = Mutex(Log())

    init(
        schemaVersion: Int = Fixtures.schemaVersion,
        push: Result<PushResponse, SyncFailure> = .success(Fixtures.pushResponse()),
        pull: Result<PullResponse, SyncFailure> = .success(Fixtures.pullResponse),
        status: Result<ServerStatus, SyncFailure> = .success(Fixtures.status)
    ) {
        self.schemaVersion = schemaVersion
        self.pushAnswer = push
        self.pullAnswer = pull
        self.statusAnswer = status
    }

    var pushes: [Push] { log.withLock { $0.pushes } }
    var pulls: [Pull] { log.withLock { $0.pulls } }

    func push(_ request: PushRequest, token: String) async throws(SyncFailure) -> PushResponse {
        log.withLock { $0.pushes.append(Push(request: request, token: token)) }
        return try pushAnswer.get()
    }

    func pull(after: Int64, limit: Int, token: String) async throws(SyncFailure) -> PullResponse {
        log.withLock { $0.pulls.append(Pull(after: after, limit: limit, token: token)) }
        return try pullAnswer.get()
    }

    func status() async throws(SyncFailure) -> ServerStatus {
        try statusAnswer.get()
    }
}
