internal import Foundation

/// One blocking transport call run on its own thread while the sync loop does local work (preparing the
/// next push batch, applying the previous pulled page), so the client's and the server's halves of a sync
/// overlap. `value()` waits for it. The caller must not touch the transport until `value()` returned.
final class BackgroundCall<T>: @unchecked Sendable {
    private var result: Result<T, SyncClientError>?
    private let done = DispatchSemaphore(value: 0)

    /// Starts `body` on a new thread, or runs it right here when `inline` (no overlap wanted).
    init(inline: Bool = false, _ body: @escaping () throws(SyncClientError) -> T) {
        if inline {
            result = Result { () throws(SyncClientError) -> T in try body() }
            done.signal()
            return
        }
        nonisolated(unsafe) let body = body
        let thread = Thread { [self] in
            result = Result { () throws(SyncClientError) -> T in try body() }
            done.signal()
        }
        thread.start()
    }

    /// Waits for the call and returns its answer or throws its error (again on every later call).
    func value() throws(SyncClientError) -> T {
        done.wait()
        done.signal()
        return try result!.get()
    }
}
