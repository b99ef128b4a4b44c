import Foundation

/// Talking to a server on 127.0.0.1 the way a browser would, through curl.
enum LocalHTTP {
    /// A TCP port on 127.0.0.1 that was free a moment ago: the kernel's pick for a socket bound
    /// to port 0, closed again for the server to take (a random number could be taken).
    static func freePort() -> UInt16 {
        guard let socket = boundSocket(listening: false) else { return UInt16.random(in: 20_000...40_000) }
        close(socket.descriptor)
        return socket.port
    }

    /// A socket bound to a port of the kernel's choosing on 127.0.0.1, listening if asked (as
    /// another server holding the port would be); the caller closes it.
    static func boundSocket(listening: Bool) -> (descriptor: Int32, port: UInt16)? {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { return nil }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, length) == 0 && (!listening || listen(descriptor, 1) == 0) && getsockname(descriptor, $0, &length) == 0
            }
        }
        guard bound else {
            close(descriptor)
            return nil
        }
        return (descriptor, UInt16(bigEndian: address.sin_port))
    }

    /// The raw HTTP response (status line, headers, body) to a GET of `target`, sent as is (URL
    /// libraries would normalise `..`); redirects are not followed.
    static func get(_ port: UInt16, _ target: String) throws -> String {
        let result = try ExternalTool.run("curl", ["-s", "-i", "--path-as-is", "--max-time", "5", "http://127.0.0.1:\(port)\(target)"])
        return result.output
    }

    /// Whether `condition` became true within `seconds`, polled five times a second.
    static func waitFor(_ seconds: Double, _ condition: () throws -> Bool) rethrows -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try condition() { return true }
            Thread.sleep(forTimeInterval: 0.2)
        }
        return false
    }
}
