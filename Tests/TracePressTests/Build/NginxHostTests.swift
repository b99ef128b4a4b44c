import Foundation
import Testing
import TracePressCore

/// A built site served by a real nginx with the `_nginx.conf` the build writes, as a brand's own
/// server would serve it.
@Suite("_nginx.conf: the site served by nginx")
struct NginxHostTests {
    /// nginx on the PATH, in /usr/sbin, or unpacked by `scripts/install-deps --test`.
    static func nginx() throws -> String {
        for candidate in ["/usr/sbin/nginx", Repository.root + "/.build/test-tools/nginx/usr/sbin/nginx"]
        where FileManager.default.isExecutableFile(atPath: candidate) {
            return candidate
        }
        return try ExternalTool.locate("nginx")
    }

    @Test("nginx with _nginx.conf answers like the other hosts, with the security, cache and content-type headers of _headers")
    func servedByNginx() throws {
        let directory = TemporaryDirectory()
        let store = try Fixtures.demoStore(in: directory, batches: 4)
        try Fixtures.execute(store, HostExpectations.withdrawnLotSQL)
        let site = directory.file("site")
        _ = try SiteBuilder(options: Fixtures.options(store: store, out: site)).build()

        // The http block a server's nginx.conf has, with the common types of mime.types.
        let port = LocalHTTP.freePort()
        let prefix = directory.file("nginx")
        try FileManager.default.createDirectory(atPath: prefix + "/logs", withIntermediateDirectories: true)
        try """
            worker_processes 1;
            daemon off;
            pid \(prefix)/nginx.pid;
            error_log stderr;
            events { worker_connections 64; }
            http {
                access_log off;
                # Inside the prefix: the unpacked nginx's built-in temporary folders are under
                # /var/lib/nginx, which only an installed nginx package makes.
                client_body_temp_path \(prefix)/body;
                proxy_temp_path \(prefix)/proxy;
                fastcgi_temp_path \(prefix)/fastcgi;
                uwsgi_temp_path \(prefix)/uwsgi;
                scgi_temp_path \(prefix)/scgi;
                types { text/html html; text/css css; image/svg+xml svg; image/png png; application/json json; text/javascript js; application/xml xml; text/plain txt; }
                default_type application/octet-stream;
                server {
                    listen 127.0.0.1:\(port);
                    root \(site);
                    include \(site)/_nginx.conf;
                }
            }
            """.write(toFile: prefix + "/nginx.conf", atomically: true, encoding: .utf8)
        let binary = try Self.nginx()
        let syntax = try ExternalTool.run(binary, ["-e", "stderr", "-p", prefix, "-c", prefix + "/nginx.conf", "-t"])
        try #require(syntax.status == 0, "\(syntax.errorOutput)")

        let server = Process()
        server.executableURL = URL(fileURLWithPath: binary)
        server.arguments = ["-e", "stderr", "-p", prefix, "-c", prefix + "/nginx.conf"]
        server.standardOutput = FileHandle.nullDevice
        server.standardError = FileHandle.nullDevice
        try server.run()
        defer {
            server.terminate()
            server.waitUntilExit()
        }
        try #require(try LocalHTTP.waitFor(10) { try LocalHTTP.get(port, "/").hasPrefix("HTTP/1.1 200") })

        try HostExpectations.check(site: site, host: "nginx") { try LocalHTTP.get(port, $0) }

        func header(_ name: String, of response: String) -> String? {
            response.components(separatedBy: "\r\n").first { $0.lowercased().hasPrefix(name.lowercased() + ":") }
                .map { String($0.dropFirst(name.count + 1)).trimmingCharacters(in: .whitespaces) }
        }
        let batch = try #require(Fixtures.batchFolders(in: site).first)
        let stylesheet = try #require(try FileManager.default.contentsOfDirectory(atPath: site).first { $0.hasPrefix("style.") })
        for (path, type, cache) in [
            ("/\(batch)/", "text/html; charset=utf-8", "public, max-age=300, must-revalidate"),
            ("/\(batch)/linkset.json", "application/linkset+json", "public, max-age=300, must-revalidate"),
            ("/.well-known/gs1resolver", "application/json", "public, max-age=300, must-revalidate"),
            ("/live.ics", "text/calendar; charset=utf-8", "public, max-age=300, must-revalidate"),
            ("/recalls.xml", "application/atom+xml; charset=utf-8", "public, max-age=300, must-revalidate"),
            ("/\(stylesheet)", "text/css", "public, max-age=31536000, immutable"),
            ("/images/factory.svg", "image/svg+xml", "public, max-age=86400"),
            ("/01/\(HostExpectations.gtin)/10/NO-SUCH-LOT", "text/html; charset=utf-8", "public, max-age=300, must-revalidate"),
        ] {
            let response = try LocalHTTP.get(port, path)
            #expect(header("Content-Type", of: response) == type, "\(path)")
            #expect(header("Cache-Control", of: response) == cache, "\(path)")
            #expect(header("Content-Security-Policy", of: response)?.hasPrefix("default-src 'self'") == true, "\(path)")
            #expect(header("X-Content-Type-Options", of: response) == "nosniff", "\(path)")
        }
        // Compressed when the phone accepts it: the page, the stylesheet, the documents.
        for path in ["/\(batch)/", "/\(stylesheet)", "/\(batch)/data.json", "/\(batch)/linkset.json", "/\(batch)/qr.svg"] {
            let compressed = try ExternalTool.run(
                "curl", ["-s", "-o", "/dev/null", "-D", "-", "-H", "Accept-Encoding: gzip", "--max-time", "5", "http://127.0.0.1:\(port)\(path)"])
            #expect(header("Content-Encoding", of: compressed.output) == "gzip", "\(path)")
        }
        for hidden in ["/_nginx.conf", "/_redirects", "/_headers", "/.tracepress/files.tsv"] {
            #expect(try LocalHTTP.get(port, hidden).hasPrefix("HTTP/1.1 404"), "\(hidden) is not served")
        }
    }
}
