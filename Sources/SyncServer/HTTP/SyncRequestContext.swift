import Hummingbird
import NIOCore

/// The per-request context: Hummingbird's core storage plus the peer's address, which the
/// operators' pages (`/status`, `/metrics`) need for their loopback-only default.
struct SyncRequestContext: RequestContext, RemoteAddressRequestContext {
    var coreContext: CoreRequestContextStorage
    /// The connecting peer (nil for a channel without one).
    let remoteAddress: SocketAddress?

    init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.remoteAddress = source.channel.remoteAddress
    }

    /// Whether the peer is this machine (127.0.0.0/8 or ::1, IPv4-mapped included).
    var peerIsLoopback: Bool {
        guard let address = remoteAddress?.ipAddress else { return false }
        return address.hasPrefix("127.") || address == "::1" || address.hasPrefix("::ffff:127.")
    }
}
