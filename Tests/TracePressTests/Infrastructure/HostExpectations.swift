import Foundation
import Testing

/// What a host serving a built demo site must answer, whichever host it is (the preview, nginx
/// with `_nginx.conf`): the rules of `_redirects` and the 404 pages. The store gets one withdrawn
/// lot first (`withdrawnLotSQL`).
enum HostExpectations {
    static let gtin = "09521231000016"
    static let withdrawnLotSQL =
        "INSERT INTO withdrawn_lot (gtin, lot, withdrawn_on, reason) VALUES ('\(gtin)', 'OLD123', '2026-11-01', 'test')"

    /// Checks every rule through `get`, which returns a raw HTTP response (status line, headers,
    /// blank line, body) for a path.
    ///
    /// - Parameters:
    ///   - site: The built site (to find a batch of the product).
    ///   - host: Named in failure messages.
    static func check(site: String, host: String, get: (String) throws -> String) throws {
        let lotPath = try #require(Fixtures.batchFolders(in: site).first { $0.hasPrefix("01/\(gtin)/") })
        let lot = lotPath.split(separator: "/").last!
        func status(_ response: String) -> String { String(response.prefix(12)) }
        func location(_ response: String) -> String? {
            response.components(separatedBy: "\r\n").first { $0.lowercased().hasPrefix("location:") }.map { String($0.dropFirst(9)).trimmingCharacters(in: .whitespaces) }
        }

        #expect(status(try get("/\(lotPath)/")) == "HTTP/1.1 200", "\(host): a batch page")
        let linkset = try get("/\(lotPath)/linkset.json")
        #expect(linkset.lowercased().contains("\r\ncontent-type: application/linkset+json\r\n"), "\(host): \(linkset.prefix(300))")
        let unit = try get("/\(lotPath)/21/00042")
        #expect(status(unit) == "HTTP/1.1 302", "\(host): a unit's serial")
        #expect(location(unit) == "/\(lotPath)/", "\(host)")
        let thirteen = try get("/01/\(gtin.dropFirst())/10/\(lot)")
        #expect(status(thirteen) == "HTTP/1.1 301", "\(host): a GTIN-13")
        #expect(location(thirteen) == "/\(lotPath)", "\(host)")
        let productThirteen = try get("/01/\(gtin.dropFirst())")
        #expect(status(productThirteen) == "HTTP/1.1 301", "\(host): a GTIN-13's product")
        #expect(location(productThirteen) == "/01/\(gtin)/", "\(host)")

        for unknown in ["/01/\(gtin)/10/NO-SUCH-LOT", "/01/\(gtin)/10/NO-SUCH-LOT/"] {
            let page = try get(unknown)
            #expect(status(page) == "HTTP/1.1 404", "\(host): \(unknown)")
            #expect(page.contains("href=\"/01/\(gtin)/\""), "\(host): \(unknown) gets the product's page for unknown lots")
        }
        let elsewhere = try get("/sites/NO-SUCH-SITE/")
        #expect(status(elsewhere) == "HTTP/1.1 404", "\(host)")
        #expect(elsewhere.contains("<html") && !elsewhere.contains("href=\"/01/\(gtin)/\""), "\(host): the site's own 404 page")

        // A line break sent in a path must not reach a header.
        let injected = try get("/\(lotPath)%0d%0aSet-Cookie:%20x=1/21/5")
        #expect(!injected.lowercased().contains("\r\nset-cookie:"), "\(host): \(injected.prefix(200))")

        for withdrawn in ["/01/\(gtin)/10/OLD123", "/01/\(gtin)/10/OLD123/", "/01/\(gtin)/10/OLD123/21/7"] {
            #expect(status(try get(withdrawn)) == "HTTP/1.1 410", "\(host): \(withdrawn)")
        }
    }
}
