/// The spreadsheet layout: one file per table, named `<table>.csv`, in the order they are read
/// (a batch's product must come before it). Columns marked required must be present in the
/// header; the README's table and `Examples/csv/` follow this list.
public enum CSVSchema {
    public struct Table: Sendable {
        public let name: String
        public let required: [String]
        public let optional: [String]
        public var fileName: String { name + ".csv" }
        public var allColumns: [String] { required + optional }
    }

    public static let tables: [Table] = [
        Table(
            name: "products",
            required: [
                "gtin", "name_zh", "name_en", "spec", "category_zh", "category_en", "product_standard", "production_licence",
                "shelf_life_days", "brand_zh", "brand_en",
            ],
            optional: ["formula_registration", "brand_hotline", "brand_website"]),
        Table(
            name: "sites", required: ["code", "kind", "name_zh", "name_en", "region_zh", "region_en"],
            optional: ["latitude", "longitude", "herd_size", "description_zh", "description_en", "gln"]),
        Table(
            name: "batches", required: ["gtin", "lot", "produced_on", "expires_on"],
            optional: ["quantity", "status", "status_reason_zh", "status_reason_en", "status_since", "factory_code"]),
        Table(
            name: "origins", required: ["gtin", "lot", "farm_code", "raw_milk_lot"],
            optional: ["tanker_plate", "arrived_at", "arrival_celsius"]),
        Table(
            name: "steps", required: ["gtin", "lot", "occurred_at", "biz_step", "title_zh", "title_en"],
            optional: ["sequence", "site_code", "detail_zh", "detail_en", "responsible"]),
        Table(
            name: "checks", required: ["gtin", "lot", "stage", "item_zh", "item_en", "method", "unit"],
            optional: [
                "value", "samples", "limit_min", "limit_max", "plan_n", "plan_c", "plan_m", "plan_big_m", "limit_unit",
                "limit_source", "verdict", "lab_code", "report_no", "report_url", "tested_at",
            ]),
        Table(name: "readings", required: ["gtin", "lot", "leg", "recorded_at", "celsius"], optional: ["max_celsius"]),
        Table(
            name: "media", required: ["kind", "title_zh", "title_en", "url"],
            optional: ["site_code", "gtin", "lot", "alt_zh", "alt_en", "platform", "starts_at", "ends_at", "replay_url", "poster"]),
    ]
}
