public import TraceModel

/// `recalls.xml`: recalled and on-hold batches as an Atom feed (RFC 4287), newest first.
public enum RecallFeed {
    public static func document(of batches: [Batch], in context: SiteContext) -> [UInt8] {
        let base = context.baseURL
        let brand = context.reference.brand.name
        let updated = batches.compactMap { $0.status.reasonAndDate?.1 }.max().map(dayStart)
            ?? context.reference.dataAsOf?.description ?? "1970-01-01T00:00:00Z"
        var text = """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">
            <title>\(SiteFiles.xmlEscaped(brand.zh)) 召回与暂停销售 · \(SiteFiles.xmlEscaped(brand.en)) recalls and holds</title>
            <id>\(SiteFiles.xmlEscaped(base))/recalls/</id>
            <link rel="self" type="application/atom+xml" href="\(SiteFiles.xmlEscaped(base))/recalls.xml"/>
            <link rel="alternate" type="text/html" href="\(SiteFiles.xmlEscaped(base))/recalls/"/>
            <updated>\(updated)</updated>
            <author><name>\(SiteFiles.xmlEscaped(brand.zh))</name></author>

            """
        for batch in batches {
            guard let (reason, since) = batch.status.reasonAndDate else { continue }
            let product = context.productName(batch.gtin)
            let status = Labels.status(batch.status)
            let page = "\(base)/01/\(batch.gtin.digits)/10/\(batch.lot.text)"
            text += """
                <entry>
                <title>\(SiteFiles.xmlEscaped("\(status.zh)：\(product.zh) 批次 \(batch.lot) · \(status.en): \(product.en), lot \(batch.lot)"))</title>
                <id>\(SiteFiles.xmlEscaped(page))#\(batch.status.code)-\(since)</id>
                <link rel="alternate" type="text/html" href="\(SiteFiles.xmlEscaped(page))"/>
                <updated>\(dayStart(since))</updated>
                <summary>\(SiteFiles.xmlEscaped(reason.zh == reason.en ? reason.zh : "\(reason.zh) · \(reason.en)"))</summary>
                </entry>

                """
        }
        return Array((text + "</feed>\n").utf8)
    }

    private static func dayStart(_ date: CalendarDate) -> String { "\(date)T00:00:00+08:00" }
}
