public import TraceModel

/// `_nginx.conf`: what `_headers` and `_redirects` say, for a site served by nginx (a server of
/// a brand's own, or in front of object storage). Included inside the `server` block whose
/// `root` is the published folder; the rules are those of `_redirects`, in nginx's terms:
/// withdrawn lots answer 410, a unit's serial redirects to its batch, a GTIN written without its
/// leading zeros to the 14-digit path, an unknown lot gets its product's `404.html` with status
/// 404, anything else unknown the site's; plus the security and cache headers of `_headers`,
/// the content types nginx's own table lacks, compression (the hosts `_headers` is for compress
/// by themselves; nginx compresses only HTML unless told), and TracePress's own files kept private.
public enum NginxConfig {
    /// The file's name at the site root.
    public static let fileName = "_nginx.conf"

    /// - Parameters:
    ///   - products: Every product (its unknown lots, its GTIN-13/-12/-8 forms).
    ///   - withdrawn: `01/{gtin}/10/{lot}` paths of lots withdrawn on purpose.
    ///   - fingerprinted: Assets whose names carry their content's hash (cached forever).
    public static func serverInclude(products: [Product], withdrawn: [String], fingerprinted: [String]) -> [UInt8] {
        var text = """
            # Written by tracepress build. Include it inside the server block that serves this folder:
            #   server { listen 443 ssl; server_name trace.example.com; root /srv/trace/_site;
            #            include /srv/trace/_site/_nginx.conf; }
            # and reload nginx (nginx -s reload) after a publish that changed it.
            index index.html;
            charset utf-8;
            absolute_redirect off;
            # Compressed on the way (a batch page is some 21 KB, 5 KB gzipped: a parent's weak 4G link).
            gzip on;
            gzip_vary on;
            gzip_min_length 512;
            gzip_types text/css text/javascript application/javascript application/json application/linkset+json image/svg+xml application/xml application/atom+xml text/calendar text/plain;
            \(headers(cache: SiteFiles.revalidate, indent: ""))
            error_page 404 /404.html;
            error_page 410 /404.html;
            location / { try_files $uri $uri/ =404; }
            # TracePress's records and the other hosts' rule files are not pages.
            location ^~ /.tracepress/ { return 404; }
            location = /_headers { return 404; }
            location = /_redirects { return 404; }
            location = /\(fileName) { return 404; }

            """
        if !withdrawn.isEmpty { text += "# Lots withdrawn on purpose are gone.\n" }
        for path in withdrawn { text += "location = /\(path) { return 410; }\nlocation ^~ /\(path)/ { return 410; }\n" }
        text += """
            # A unit's own code (serial, GS1 AI 21, after the lot) opens its batch's page.
            location ~ "^/01/([0-9]{14})/10/([A-Za-z0-9._-]+)/21/" { return 302 /01/$1/10/$2/; }

            """
        for product in products {
            let digits = product.gtin.digits
            for short in SiteFiles.shortForms(of: product.gtin) {
                text += "location = /01/\(short) { return 301 /01/\(digits)/; }\n"
                text += "location ^~ /01/\(short)/ { rewrite \"^/01/\(short)/(.*)$\" /01/\(digits)/$1 permanent; }\n"
            }
            // A plain prefix, so the serial rule (a regex) still applies inside it.
            text += "location /01/\(digits)/ { error_page 404 /\(NotFoundPage.path(of: product.gtin)); try_files $uri $uri/ =404; }\n"
        }
        text += "# Content types nginx's own table lacks.\n"
        text += typed("~ \"/linkset\\.json$\"", "application/linkset+json")
        text += typed("= /.well-known/gs1resolver", "application/json")
        text += typed("~ \"\\.ics$\"", "text/calendar; charset=utf-8")
        text += typed("= /recalls.xml", "application/atom+xml; charset=utf-8")
        text += "# Cache rules: fingerprinted assets forever, images a day, everything else revalidated.\n"
        text += "location ^~ /images/ {\n\(headers(cache: "public, max-age=86400", indent: "    "))\n}\n"
        for asset in fingerprinted.sorted() { text += "location = /\(asset) {\n\(headers(cache: SiteFiles.forever, indent: "    "))\n}\n" }
        return Array(text.utf8)
    }

    /// The `_headers` security headers and a Cache-Control, as `add_header` lines: nginx drops
    /// the server's `add_header`s in a location that has its own, so each such location repeats them.
    static func headers(cache: String, indent: String) -> String {
        (SiteFiles.securityHeaders + [("Cache-Control", cache)]).map { indent + "add_header \($0.0) \"\($0.1)\" always;" }
            .joined(separator: "\n")
    }

    /// A location answering with `type` whatever the file's extension.
    static func typed(_ match: String, _ type: String) -> String {
        "location \(match) { types { } default_type \"\(type)\"; }\n"
    }
}
