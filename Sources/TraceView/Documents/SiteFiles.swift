public import TraceModel

/// The small files a CDN, a crawler and a GS1 resolver client look for at the site root.
public enum SiteFiles {
    /// URLs per sitemap file (the sitemaps.org limit).
    public static let urlsPerSitemap = 50_000

    /// A sitemap index pointing at `sitemap-1.xml`… `sitemap-N.xml`.
    public static func sitemapIndex(baseURL: String, parts: Int) -> [UInt8] {
        var text = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for part in 1...max(parts, 1) { text += "<sitemap><loc>\(xmlEscaped(baseURL))/sitemap-\(part).xml</loc></sitemap>\n" }
        text += "</sitemapindex>\n"
        return Array(text.utf8)
    }

    public static func robots(baseURL: String) -> [UInt8] {
        Array("User-agent: *\nAllow: /\nDisallow: /.tracepress/\nSitemap: \(baseURL)/sitemap.xml\n".utf8)
    }

    /// Cache rules: fingerprinted assets forever, everything else revalidated, so a changed
    /// batch page reaches phones without waiting out a cache.
    static let revalidate = "public, max-age=300, must-revalidate"
    static let forever = "public, max-age=31536000, immutable"

    /// Sent with every file: no sniffing, no referrer, nothing loaded from elsewhere.
    public static let securityHeaders = [
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "no-referrer"),
        ("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; frame-ancestors 'none'"),
    ]

    /// `_headers` for Netlify and Cloudflare Pages.
    public static func headersFile(fingerprinted: [String]) -> [UInt8] {
        var text = """
            # Written by tracepress build. Security headers everywhere; no tracking, no third parties.
            /*
            \(securityHeaders.map { "  \($0.0): \($0.1)\n" }.joined())
            /
              Cache-Control: \(revalidate)
            /index.html
              Cache-Control: \(revalidate)
            /404.html
              Cache-Control: \(revalidate)
            /01/*
              Cache-Control: \(revalidate)
            /01/*/10/*/linkset.json
              Content-Type: application/linkset+json
            /.well-known/gs1resolver
              Content-Type: application/json
            /sites/*
              Cache-Control: \(revalidate)
            /live.ics
              Content-Type: text/calendar; charset=utf-8
              Cache-Control: \(revalidate)
            /sites/*/live.ics
              Content-Type: text/calendar; charset=utf-8
            /recalls.xml
              Content-Type: application/atom+xml; charset=utf-8
              Cache-Control: \(revalidate)
            /images/*
              Cache-Control: public, max-age=86400

            """
        for asset in fingerprinted.sorted() { text += "/\(asset)\n  Cache-Control: \(forever)\n" }
        return Array(text.utf8)
    }

    /// `cache-control.json` for S3-style uploads: first matching pattern wins.
    public static func cacheControlJSON(fingerprinted: [String]) -> [UInt8] {
        var json = JSONWriter()
        json.object { root in
            root.array("rules") { rules in
                for asset in fingerprinted.sorted() {
                    rules.object { $0.string("pattern", asset); $0.string("cacheControl", forever) }
                }
                rules.object {
                    $0.string("pattern", "01/*/10/*/linkset.json")
                    $0.string("cacheControl", revalidate)
                    $0.string("contentType", "application/linkset+json")
                }
                rules.object { $0.string("pattern", "images/*"); $0.string("cacheControl", "public, max-age=86400") }
                rules.object { $0.string("pattern", "*"); $0.string("cacheControl", revalidate) }
            }
        }
        json.newline()
        return json.bytes
    }

    /// `_redirects` (Netlify, Cloudflare Pages and hosts that read the same format).
    ///
    /// Every rule is for paths no file of the site answers. Hosts differ on exactly that point:
    /// Netlify serves a file that exists before looking at the rules, Cloudflare Pages follows a
    /// matching redirect even when a file exists. A rule such as `/01/<gtin>/10/*` → product page
    /// would send every batch page there on Cloudflare, so unknown lots get no redirect: they get
    /// the product's own `404.html` (`01/<gtin>/404.html`), which Cloudflare Pages finds by itself
    /// (it serves the nearest `404.html` up the folder tree) and the last rule here serves on hosts
    /// that read `404` rewrites (Cloudflare ignores those lines). First matching rule wins.
    ///
    /// - Parameter withdrawn: `01/{gtin}/10/{lot}` paths of lots withdrawn on purpose: they answer
    ///   `410 Gone` (first, so no later rule reaches them).
    public static func redirects(products: [Product], withdrawn: [String] = []) -> [UInt8] {
        var text = """
            # Written by tracepress build. Every rule is for paths no file answers, so hosts that apply
            # rules before files (Cloudflare Pages) and after them (Netlify) serve the same site.

            """
        if !withdrawn.isEmpty { text += "# Lots withdrawn on purpose are gone.\n" }
        for path in withdrawn { text += "/\(path)  /404.html  410\n/\(path)/*  /404.html  410\n" }
        text += "# A unit's own code (serial, GS1 AI 21, after the lot) opens its batch's page.\n"
        text += "/01/:gtin/10/:lot/21/*  /01/:gtin/10/:lot/  302\n"
        let shortened = products.flatMap { product in shortForms(of: product.gtin).map { (product.gtin.digits, $0) } }
        if !shortened.isEmpty { text += "# A GTIN-13, -12 or -8 printed without the zeros that make it 14 digits.\n" }
        for (digits, short) in shortened { text += "/01/\(short)  /01/\(digits)/  301\n/01/\(short)/*  /01/\(digits)/:splat  301\n" }
        text += "# An unknown lot: its product's page for unknown lots, with status 404.\n"
        for product in products {
            text += "/01/\(product.gtin.digits)/10/*  /\(NotFoundPage.path(of: product.gtin))  404\n"
        }
        return Array(text.utf8)
    }

    /// How many rules of `redirects(products:withdrawn:)` Cloudflare Pages counts as dynamic (a
    /// `*` or `:name` in the source, a status it follows): the serial rule and one per short form
    /// of a GTIN; the `404` and `410` lines it ignores. It applies at most
    /// `cloudflareDynamicRuleLimit` of them.
    public static func dynamicRuleCount(products: [Product]) -> Int {
        1 + products.reduce(0) { $0 + shortForms(of: $1.gtin).count }
    }

    /// Cloudflare Pages' limit on dynamic redirect rules.
    public static let cloudflareDynamicRuleLimit = 100

    /// The GTIN-13, -12 and -8 a GTIN-14 with leading zeros also is (GS1 Digital Link resolvers
    /// pad them back to 14 digits; a static site redirects them).
    static func shortForms(of gtin: GTIN) -> [String] {
        [13, 12, 8].compactMap { length in
            let padding = gtin.digits.prefix(14 - length)
            return padding.allSatisfy { $0 == "0" } ? String(gtin.digits.dropFirst(14 - length)) : nil
        }
    }

    /// `/.well-known/gs1resolver`: what this static resolver supports, in the shape of GS1's
    /// resolver description file schema (1.2.0: `resolverRoot` and `supportedPrimaryKeys`, given
    /// as numeric AIs, are required). `linksetLocation` is ours: a static site cannot answer
    /// `linkType=linkset` on the lot's own URL, so it says where each lot's linkset file is.
    public static func resolverDescription(in site: SiteContext) -> [UInt8] {
        var json = JSONWriter()
        json.object { root in
            root.string("name", site.reference.brand.name.zh + " " + site.reference.brand.name.en)
            root.string("resolverRoot", site.baseURL)
            root.array("supportedPrimaryKeys") { $0.string(nil, "01") }
            root.array("supportedLinkType") { list in
                list.object { $0.string("namespace", "https://gs1.org/voc/"); $0.string("prefix", "gs1:") }
            }
            root.bool("linkTypeDefaultCanBeLinkset", false)
            root.object("contact") { $0.string("fn", site.reference.brand.name.zh + " " + site.reference.brand.name.en) }
            root.string("linksetLocation", "{digitalLink}/linkset.json")
        }
        json.newline()
        return json.bytes
    }

    /// Appends `text` to `bytes` with XML's five special characters escaped.
    static func appendXMLEscaped(_ text: String, to bytes: inout [UInt8]) { TextEscaper.xml.append(text, to: &bytes) }

    static func xmlEscaped(_ text: String) -> String { TextEscaper.xml.escaped(text) }
}
