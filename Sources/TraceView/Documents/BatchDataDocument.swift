public import TraceModel

/// The machine-readable record of a batch, published as `data.json` beside its page: the same
/// facts the page shows, for apps, regulators and journalists.
public enum BatchDataDocument {
    /// - Returns: UTF-8 JSON.
    public static func document(for record: BatchRecord, in site: SiteContext) -> [UInt8] {
        document(for: record, in: site, facts: BatchFacts(record, in: site))
    }

    /// - Returns: UTF-8 JSON, from facts the pages were drawn from too.
    public static func document(for record: BatchRecord, in site: SiteContext, facts: BatchFacts) -> [UInt8] {
        let batch = record.batch
        let reference = site.reference
        let link = facts.link
        // A demo batch's document is 10–12 KB: grown from 2 KB, it was copied three times.
        var json = JSONWriter(capacity: 16 * 1024)
        func text(_ into: inout JSONWriter, _ name: JSONKey, _ value: LocalizedText?) {
            guard let value else { return }
            into.object(name) { $0.string("zh", value.zh); $0.string("en", value.en) }
        }
        json.object { root in
            root.string("digitalLink", link.url)
            root.string("gtin", batch.gtin.digits)
            root.string("lot", batch.lot.text)
            if let product = reference.products[batch.gtin] {
                root.object("product") { item in
                    text(&item, "name", product.name)
                    item.string("spec", product.spec)
                    text(&item, "category", product.category)
                    item.string("productStandard", product.productStandard)
                    item.string("productionLicence", product.productionLicence)
                    item.string("formulaRegistration", product.formulaRegistration)
                    item.integer("shelfLifeDays", product.shelfLifeDays)
                }
            }
            root.string("producedOn", batch.producedOn.description)
            root.string("expiresOn", batch.expiresOn.description)
            root.integer("quantity", batch.quantity)
            root.object("status") { status in
                status.string("code", batch.status.code)
                switch batch.status {
                case .released: break
                case .onHold(let reason, let since), .recalled(let reason, let since):
                    text(&status, "reason", reason)
                    status.string("since", since.description)
                }
            }
            root.array("origins") { list in
                for origin in record.origins {
                    let farm = reference.sites[origin.farmSiteID]
                    list.object { item in
                        item.string("site", farm?.code)
                        text(&item, "name", farm?.name)
                        text(&item, "region", farm?.region)
                        item.number("latitude", farm?.coordinate?.latitude)
                        item.number("longitude", farm?.coordinate?.longitude)
                        item.string("rawMilkLot", origin.rawMilkLot)
                        item.string("tankerPlate", origin.tankerPlate)
                        item.timestamp("arrivedAt", origin.arrivedAt)
                        item.number("arrivalCelsius", origin.arrivalCelsius)
                    }
                }
            }
            root.array("steps") { list in
                for step in record.steps {
                    list.object { item in
                        item.integer("sequence", step.sequence)
                        item.timestamp("time", step.occurredAt)
                        item.string("bizStep", step.bizStep)
                        item.string("site", site.siteCode(step.siteID))
                        text(&item, "title", step.title)
                        text(&item, "detail", step.detail)
                    }
                }
            }
            root.array("checks") { list in
                for (check, texts) in zip(record.checks, facts.checks) {
                    list.object { item in
                        item.string("stage", check.stage.rawValue)
                        text(&item, "item", check.item)
                        item.string("method", check.method)
                        item.string("result", texts.value.en)
                        item.string("limit", texts.limit.en)  // data.json words limits in English
                        item.string("limitSource", check.limitSource)
                        item.string("verdict", texts.verdict.rawValue)
                        item.string("reportNumber", check.reportNumber)
                        item.string("reportURL", check.reportURL)
                        item.timestamp("testedAt", check.testedAt)
                    }
                }
            }
            root.array("coldChain") { list in
                for reading in record.readings {
                    list.object { item in
                        item.string("leg", reading.leg)
                        item.timestamp("time", reading.recordedAt)
                        item.number("celsius", reading.celsius)
                        item.number("maxCelsius", reading.maximumCelsius)
                        item.bool("excursion", reading.isExcursion)
                    }
                }
            }
            root.string("dataAsOf", reference.dataAsOf?.description)
        }
        json.newline()
        return json.bytes
    }
}
