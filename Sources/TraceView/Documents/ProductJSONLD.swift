import TraceModel

/// schema.org structured data for a batch page: the product with its GTIN, and the batch as
/// `SomeProducts` with lot, production and expiry dates.
enum ProductJSONLD {
    static func document(for record: BatchRecord, in site: SiteContext, link: DigitalLink) -> String {
        let batch = record.batch
        let product = site.reference.products[batch.gtin]
        var json = JSONWriter()
        json.object { root in
            root.string("@context", "https://schema.org")
            root.string("@type", "SomeProducts")
            root.string("@id", link.url)
            root.string("url", link.url)
            root.string("name", product.map { "\($0.name.zh) \($0.spec)" } ?? batch.gtin.digits)
            root.string("gtin14", batch.gtin.digits)
            root.string("productionDate", batch.producedOn.description)
            root.object("brand") { brand in
                brand.string("@type", "Brand")
                brand.string("name", site.reference.brand.name.zh)
            }
            root.array("identifier") { list in
                list.object { item in
                    item.string("@type", "PropertyValue")
                    item.string("propertyID", "GS1 AI 10 (batch/lot)")
                    item.string("value", batch.lot.text)
                }
            }
            root.array("additionalProperty") { list in
                list.object { item in
                    item.string("@type", "PropertyValue")
                    item.string("propertyID", "expiryDate")
                    item.string("value", batch.expiresOn.description)
                }
                list.object { item in
                    item.string("@type", "PropertyValue")
                    item.string("propertyID", "batchStatus")
                    item.string("value", batch.status.code)
                }
            }
            if let product {
                root.object("isVariantOf") { item in
                    item.string("@type", "Product")
                    item.string("name", product.name.zh)
                    item.string("alternateName", product.name.en)
                    item.string("gtin14", product.gtin.digits)
                    item.string("category", product.category.zh)
                    item.string("url", "\(site.baseURL)/01/\(product.gtin.digits)/")
                }
            }
        }
        return String(decoding: json.bytes, as: UTF8.self)
    }
}
