import Foundation
public import TraceModel

/// GS1 Core Business Vocabulary words (bizStep, disposition) in any of their three spellings.
public enum CBVVocabulary {
    /// Reduces `commissioning`, `https://ref.gs1.org/cbv/BizStep-commissioning` and
    /// `urn:epcglobal:cbv:bizstep:commissioning` to the bare word; other URIs are kept whole.
    ///
    /// - Parameters:
    ///   - text: The value as written.
    ///   - kind: `BizStep` or `Disp`.
    public static func normalise(_ text: String, kind: String) -> String {
        let prefixes = [
            "https://ref.gs1.org/cbv/\(kind)-", "http://ref.gs1.org/cbv/\(kind)-", "cbv:\(kind)-",
            "urn:epcglobal:cbv:\(kind == "Disp" ? "disp" : "bizstep"):",
        ]
        for prefix in prefixes where text.hasPrefix(prefix) { return String(text.dropFirst(prefix.count)) }
        return text
    }

    /// The last word of a vocabulary term however it is spelled: `cbvmda:name`,
    /// `urn:epcglobal:cbv:mda#name` and `https://gs1.org/voc/name` all give `name`.
    public static func lastWord(of term: String) -> String {
        String(term.split(whereSeparator: { $0 == "#" || $0 == ":" || $0 == "/" }).last ?? "")
    }

    /// The full CBV 2.0 URI of a bare word, as export writes it; other values unchanged.
    public static func uri(of word: String, kind: String) -> String {
        word.contains(":") ? word : "https://ref.gs1.org/cbv/\(kind)-\(word)"
    }

    /// What a step is called on the page when the event gives no title of its own.
    public static func stepTitle(bizStep: String?, eventType: String) -> LocalizedText {
        switch bizStep {
        case "commissioning": LocalizedText(zh: "赋码投产", en: "Commissioned")
        case "creating_class_instance": LocalizedText(zh: "批次生成", en: "Lot created")
        case "receiving", "arriving": LocalizedText(zh: "收货", en: "Received")
        case "accepting": LocalizedText(zh: "验收", en: "Accepted")
        case "inspecting": LocalizedText(zh: "检验", en: "Inspected")
        case "sampling": LocalizedText(zh: "取样", en: "Sampled")
        case "storing", "stocking": LocalizedText(zh: "入库存放", en: "Stored")
        case "shipping", "departing": LocalizedText(zh: "发货", en: "Shipped")
        case "transporting": LocalizedText(zh: "运输", en: "Transported")
        case "packing": LocalizedText(zh: "装箱", en: "Packed")
        case "unpacking": LocalizedText(zh: "拆箱", en: "Unpacked")
        case "loading": LocalizedText(zh: "装车", en: "Loaded")
        case "unloading": LocalizedText(zh: "卸货", en: "Unloaded")
        case "sensor_reporting": LocalizedText(zh: "环境监测", en: "Sensor readings")
        case "holding": LocalizedText(zh: "暂扣待检", en: "Held")
        case "repackaging": LocalizedText(zh: "重新包装", en: "Repackaged")
        case "assembling": LocalizedText(zh: "组装", en: "Assembled")
        case "destroying": LocalizedText(zh: "销毁", en: "Destroyed")
        case "decommissioning": LocalizedText(zh: "停用", en: "Decommissioned")
        case "retail_selling": LocalizedText(zh: "零售", en: "Sold at retail")
        case nil where eventType == "TransformationEvent": LocalizedText(zh: "加工", en: "Processed")
        case nil where eventType == "AggregationEvent": LocalizedText(zh: "装箱", en: "Packed")
        case nil: LocalizedText(zh: "记录", en: "Recorded")
        case let word?: LocalizedText(zh: word, en: word.replacingOccurrences(of: "_", with: " "))
        }
    }

    /// Dispositions shown beside a step, in both languages.
    public static func dispositionText(_ word: String) -> LocalizedText {
        switch word {
        case "conformant": LocalizedText(zh: "符合要求", en: "conformant")
        case "non_conformant": LocalizedText(zh: "不符合要求", en: "non-conformant")
        case "in_transit": LocalizedText(zh: "在途", en: "in transit")
        case "active": LocalizedText(zh: "在用", en: "active")
        case "recalled": LocalizedText(zh: "已召回", en: "recalled")
        case "in_progress": LocalizedText(zh: "处理中", en: "in progress")
        case "expired": LocalizedText(zh: "已过期", en: "expired")
        case "destroyed": LocalizedText(zh: "已销毁", en: "destroyed")
        default: LocalizedText(zh: word, en: word.replacingOccurrences(of: "_", with: " "))
        }
    }
}
