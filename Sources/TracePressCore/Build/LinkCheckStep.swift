import Foundation
import TracePublish

/// The build's last look before publishing: do the pages link to files the site has?
///
/// A marketing team that mistypes an image's name in `Templates/batch.mustache`, or removes a
/// file from `Public/` that a template still links, would otherwise publish 100,000 pages with
/// the same broken image and learn of it from a customer. Every link of a page made from a
/// template is the template's or the data's; the data's links (photos, posters, lots) are
/// checked when the store is read. So the step reads a sample that has every template in it:
/// every page and stylesheet outside `01/` and `sites/` (home, 404, live, recalls, `Public/`
/// pages), each product's and site's first listing page and 404 page, the second listing page
/// of one product and one site (the first pages with a link back), and a batch page of each
/// product, in both languages. Some dozens of files, whatever the number of batches.
struct LinkCheckStep {
    /// One broken link and every checked page that has it.
    struct Finding: CustomStringConvertible, Equatable {
        /// The file the link comes from: `Templates/batch.mustache`, `Public/about.html`…
        var source: String
        var first: BrokenLink
        /// Other checked pages with the same broken link.
        var morePages: Int

        var description: String {
            let more = morePages == 0 ? "" : " (and \(morePages) more page\(morePages == 1 ? "" : "s") checked)"
            return "\(source): \"\(first.url)\" on \(first.page): \(first.reason)\(more)"
        }
    }

    let root: String
    let baseURL: String
    /// `Public/` path → published path, for fingerprinted stylesheets.
    let renamedAssets: [String: String]
    let assetPaths: Set<String>
    /// One batch folder per product (`01/<gtin>/10/<lot>`), whose pages are checked.
    let batchFolders: [String]

    /// The broken links of the sample, one finding per source and target.
    func run() -> [Finding] {
        var check = SiteLinkCheck(root: root, baseURL: baseURL)
        var findings: [Finding] = []
        var index: [String: Int] = [:]
        for page in pagesToCheck() {
            for broken in check.brokenLinks(of: page) {
                let source = source(of: page)
                // A missing id linked from the page itself is one finding for all pages of the
                // template, whatever each page is called.
                let key = "\(source)\n" + (broken.url.hasPrefix("#") ? broken.url : broken.reason)
                if let known = index[key] {
                    if findings[known].first.page != page { findings[known].morePages += 1 }
                } else {
                    index[key] = findings.count
                    findings.append(Finding(source: source, first: broken, morePages: 0))
                }
            }
        }
        return findings
    }

    /// The sample, in a fixed order.
    func pagesToCheck() -> [String] {
        var pages: [String] = []
        addPages(under: "", into: &pages, skipping: ["01", "sites", ".tracepress", ".well-known"])
        // A listing's second page is the first with a link back; one of each kind has them all.
        var secondPageChecked = false
        for product in folders(in: "01") {
            addListing("01/\(product)", withSecondPage: !secondPageChecked, into: &pages, secondPageAdded: &secondPageChecked)
        }
        for folder in batchFolders { addIfPresent(["\(folder)/index.html", "\(folder)/en/index.html"], into: &pages) }
        secondPageChecked = false
        for site in folders(in: "sites") {
            addListing("sites/\(site)", withSecondPage: !secondPageChecked, into: &pages, secondPageAdded: &secondPageChecked)
        }
        return pages
    }

    /// Where a page's links were written: its template, or the `Public/` file it was copied from.
    func source(of page: String) -> String {
        if let original = renamedAssets.first(where: { $0.value == page })?.key { return "Public/\(original)" }
        if assetPaths.contains(page) { return "Public/\(page)" }
        let parts = page.split(separator: "/").map(String.init)
        let template: String
        switch parts.first {
        case "01" where parts.count > 2 && parts[2] == "10": template = "batch"
        case _ where parts.last == "404.html": template = "404"
        case "01": template = "product"
        case "sites": template = "site"
        case "live": template = "live"
        case "recalls": template = "recalls"
        default: template = "home"
        }
        return "Templates/\(template).mustache"
    }

    /// A listing's first page, its 404 page and, when asked, its second page, in both languages.
    private func addListing(_ folder: String, withSecondPage: Bool, into pages: inout [String], secondPageAdded: inout Bool) {
        var candidates = ["index.html", "en/index.html", "404.html"]
        // Page folders are numbers: the second is 2 (no need to look at a thousand of them).
        if withSecondPage && isFolder("\(folder)/page/2") {
            candidates += ["page/2/index.html", "page/2/en/index.html"]
            secondPageAdded = true
        }
        addIfPresent(candidates.map { "\(folder)/\($0)" }, into: &pages)
    }

    /// Every page and stylesheet under `folder`, but in the top-level folders `skipping`.
    private func addPages(under folder: String, into pages: inout [String], skipping: Set<String>) {
        for name in names(in: folder) where !skipping.contains(name) {
            let relative = folder.isEmpty ? name : "\(folder)/\(name)"
            if isFolder(relative) {
                addPages(under: relative, into: &pages, skipping: [])
            } else if name.hasSuffix(".html") || name.hasSuffix(".css") {
                pages.append(relative)
            }
        }
    }

    private func addIfPresent(_ candidates: [String], into pages: inout [String]) {
        pages += candidates.filter { FileManager.default.fileExists(atPath: "\(root)/\($0)") }
    }

    /// The folders in `folder`, sorted by name.
    private func folders(in folder: String) -> [String] {
        names(in: folder).filter { isFolder("\(folder)/\($0)") }
    }

    private func names(in folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: "\(root)/\(folder)")) ?? []).sorted()
    }

    private func isFolder(_ path: String) -> Bool {
        var isFolder: ObjCBool = false
        return FileManager.default.fileExists(atPath: "\(root)/\(path)", isDirectory: &isFolder) && isFolder.boolValue
    }
}
