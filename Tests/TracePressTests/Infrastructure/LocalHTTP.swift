import Foundation

/// Talking to a server on 127.0.0.1 the way a browser would, through curl.
enum LocalHTTP {
    /// A TCP port on 127.0.0.1 that was free a moment ago: the kernel's pick for a socket bound
    /// to port 0, closed again for the server to take (a random number could be taken).
    static func freePort() -> UInt16 {
        let probe = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(probe) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let found = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(probe, $0, length) == 0 && getsockname(probe, $0, &length) == 0 }
        }
        return found ? UInt16(bigEndian: address.sin_port) : UInt16.random(in: 20_000...40_000)
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
