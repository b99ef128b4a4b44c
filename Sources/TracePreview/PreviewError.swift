import Foundation

/// Why the preview could not start; each case prints one line a person can act on.
public enum PreviewError: Error, Equatable, CustomStringConvertible {
    /// Another program listens on the port already.
    case portInUse(UInt16)
    /// The port could not be listened on for another reason (the system's words).
    case cannotListen(UInt16, reason: String)

    public var description: String {
        switch self {
        case .portInUse(let port):
            "port \(port) on 127.0.0.1 is in use (another preview or server is running there): "
                + "stop it, or pass a free one, e.g. --port \(port == UInt16.max ? port - 1 : port + 1)"
        case .cannotListen(let port, let reason):
            "cannot listen on 127.0.0.1:\(port): \(reason)"
        }
    }

    /// Checks that the port can be listened on, before a build that may take a while: binds a
    /// socket as the server will (with `SO_REUSEADDR`) and closes it again.
    static func checkPort(_ port: UInt16) throws(PreviewError) {
        let probe = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard probe >= 0 else { throw .cannotListen(port, reason: String(cString: strerror(errno))) }
        defer { close(probe) }
        var reuse: Int32 = 1
        setsockopt(probe, SOL_SOCKET, SO_REUSEADDR, &reuse, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(probe, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else {
            let code = errno
            throw code == EADDRINUSE ? .portInUse(port) : .cannotListen(port, reason: String(cString: strerror(code)))
        }
    }
}
