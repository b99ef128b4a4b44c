public import TraceModel

/// The GS1 resolver linkset of a batch (RFC 9264 shape), published as `linkset.json` beside the
/// page so a static host answers what a GS1 resolver would for `linkType=linkset`.
public enum Linkset {
    /// - Parameters:
    ///   - record: The batch.
    ///   - site: Base URL and reference data.
    /// - Returns: UTF-8 JSON.
    public static func document(for record: BatchRecord, in site: SiteContext) -> [UInt8] {
        document(for: record, in: site, link: DigitalLink(base: site.baseURL, gtin: record.batch.gtin, lot: record.batch.lot))
    }

    /// `document(for:in:)` with the batch's link made already.
    public static func document(for record: BatchRecord, in site: SiteContext, link: DigitalLink) -> [UInt8] {
        let batch = record.batch
        let product = site.reference.products[batch.gtin]
        let page = link.url + "/"
        var json = JSONWriter()
        json.object { root in
            root.array("linkset") { list in
                list.object { set in
                    set.string("anchor", link.url)
                    // Link types as whole literals: written as they are, no key made per batch.
                    func links(_ type: JSONKey, _ body: (inout JSONWriter) -> Void) { set.array(type, body) }
                    func htmlLink(_ into: inout JSONWriter, _ href: String, _ title: String, _ language: Language = .chinese) {
                        into.object { item in
                            item.string("href", href)
                            item.string("title", title)
                            item.string("type", "text/html")
                            item.array("hreflang") { $0.string(nil, language.rawValue) }
                        }
                    }
                    /// The page in each language, each titled in its own (GS1: a link's title in its target's language).
                    func bothPages(_ into: inout JSONWriter, _ href: String, _ title: LocalizedText) {
                        htmlLink(&into, href, title.zh)
                        htmlLink(&into, href + Language.english.folder, title.en, .english)
                    }
                    links("https://gs1.org/voc/defaultLink") { htmlLink(&$0, page, "追溯信息 Traceability") }
                    links("https://gs1.org/voc/traceability") { bothPages(&$0, page, LocalizedText(zh: "追溯信息", en: "Traceability")) }
                    links("https://gs1.org/voc/pip") {
                        bothPages(&$0, "\(site.baseURL)/01/\(batch.gtin.digits)/", product?.name ?? LocalizedText(zh: batch.gtin.digits, en: batch.gtin.digits))
                    }
                    links("https://gs1.org/voc/recallStatus") { bothPages(&$0, page, Labels.status(batch.status)) }
                    // Each check's report read in place: `compactMap` copied every whole check.
                    var reports: [String] = []
                    for index in record.checks.indices {
                        guard let report = record.checks[index].reportURL, isWebLink(report), !reports.contains(report) else { continue }
                        reports.append(report)
                    }
                    reports.sort()
                    if !reports.isEmpty {
                        links("https://gs1.org/voc/certificationInfo") { list in
                            for report in reports {
                                list.object { item in
                                    item.string("href", report)
                                    item.string("title", "检验报告 Inspection report")
                                }
                            }
                        }
                    }
                    let videos = BatchPage.livestreams(record, site: site).compactMap { session -> (href: String, title: String)? in
                        guard let href = session["url"]?.textValue, !href.isEmpty else { return nil }
                        return (href, bothLanguages(session["title"]))
                    }
                    if !videos.isEmpty {
                        links("https://gs1.org/voc/relatedVideo") { list in
                            for video in videos {
                                list.object { item in
                                    item.string("href", video.href)
                                    item.string("title", video.title)
                                }
                            }
                        }
                    }
                }
            }
        }
        json.newline()
        return json.bytes
    }

    /// A bilingual view text as one title: both languages, or one when they read the same.
    static func bothLanguages(_ value: ViewValue?) -> String {
        switch value {
        case .localized(let text)?: text.zh == text.en ? text.zh : text.zh + " " + text.en
        case .text(let text)?: text
        default: ""
        }
    }
}
