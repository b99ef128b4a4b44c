import TraceModel

/// Bilingual words for codes stored in the trace store.
enum Labels {
    static func verdict(_ verdict: Verdict) -> (zh: String, en: String, icon: String) {
        switch verdict {
        case .pass: ("合格", "Pass", "✓")
        case .fail: ("不合格", "Fail", "✗")
        case .incomplete: ("数据不全", "Incomplete", "?")
        case .info: ("仅供参考", "For information", "i")
        }
    }

    static func stage(_ stage: LabCheck.Stage) -> LocalizedText {
        switch stage {
        case .rawMilk: LocalizedText(zh: "原料乳", en: "Raw milk")
        case .inProcess: LocalizedText(zh: "生产过程", en: "In process")
        case .finished: LocalizedText(zh: "成品", en: "Finished product")
        }
    }

    static func leg(_ code: String) -> LocalizedText {
        switch code {
        case "farm_tank": LocalizedText(zh: "牧场奶仓", en: "Farm tank")
        case "tanker": LocalizedText(zh: "奶罐车运输", en: "Tanker transport")
        case "factory_silo": LocalizedText(zh: "工厂奶仓", en: "Factory silo")
        case "warehouse": LocalizedText(zh: "成品仓库", en: "Finished-goods warehouse")
        case "quarantine": LocalizedText(zh: "隔离存放", en: "Quarantine store")
        default: LocalizedText(zh: code, en: code)
        }
    }

    static func siteKind(_ kind: Site.Kind) -> LocalizedText {
        switch kind {
        case .farm: LocalizedText(zh: "牧场", en: "Farm")
        case .pasture: LocalizedText(zh: "草场牧场", en: "Pasture")
        case .factory: LocalizedText(zh: "工厂", en: "Factory")
        case .lab: LocalizedText(zh: "实验室", en: "Laboratory")
        case .warehouse: LocalizedText(zh: "仓库", en: "Warehouse")
        case .store: LocalizedText(zh: "门店", en: "Store")
        }
    }

    static func status(_ status: BatchStatus) -> LocalizedText {
        switch status {
        case .released: LocalizedText(zh: "已放行", en: "Released")
        case .onHold: LocalizedText(zh: "暂停销售", en: "On hold")
        case .recalled: LocalizedText(zh: "已召回", en: "Recalled")
        }
    }
}
