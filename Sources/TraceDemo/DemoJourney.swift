import TraceModel

/// Generates the journey of one batch: raw-milk origins, process steps and cold-chain readings.
struct DemoJourney {
    let batchID: Int64
    let producedOn: CalendarDate
    let isFormula: Bool
    /// Whether one tanker reading goes above the leg's limit (shown honestly as an excursion).
    let hasExcursion: Bool
    /// False for a batch frozen at release inspection: it never reaches a warehouse.
    var passesRelease = true

    private static let plates: [Int64: String] = [
        DemoCatalog.fuyuPasture: "黑B·7K215", DemoCatalog.lindianFarm: "黑E·3M802", DemoCatalog.beianFarm: "黑N·5C336",
        DemoCatalog.suihuaFarm: "黑M·2H579",
    ]

    /// Milking starts two days before canning, at about 05:00 China time.
    private func milkingStart(using random: inout SeededGenerator) -> Int64 {
        let day = Int64(producedOn.adding(days: -2).daysSinceEpoch) * 86_400
        return day + 5 * 3600 - 8 * 3600 + Int64.random(in: 0...1800, using: &random)
    }

    private func at(_ seconds: Int64) -> Timestamp { Timestamp(secondsSinceEpoch: seconds, utcOffsetMinutes: 480) }

    func build(using random: inout SeededGenerator) -> (origins: [BatchOrigin], steps: [ProcessStep], readings: [ColdChainReading]) {
        let milking = milkingStart(using: &random)
        let farmCount = Int.random(in: 1...2, using: &random)
        var farms = DemoCatalog.farms.shuffled(using: &random).prefix(farmCount).sorted()
        if farms.isEmpty { farms = [DemoCatalog.fuyuPasture] }
        let arrival = milking + 4 * 3600 + Int64.random(in: 0...1200, using: &random)
        let origins = farms.map { farm in
            BatchOrigin(
                id: 0, farmSiteID: farm, rawMilkLot: "RM\(compact(producedOn.adding(days: -2)))-\(farm)",
                tankerPlate: Self.plates[farm], arrivedAt: at(arrival), arrivalCelsius: random.value(in: 3.1...4.4, decimals: 1))
        }

        var steps: [ProcessStep] = []
        func step(_ offset: Int64, _ site: Int64?, _ bizStep: String, _ zh: String, _ en: String, _ detailZh: String, _ detailEn: String, _ who: String) {
            steps.append(
                ProcessStep(
                    id: 0, sequence: steps.count + 1, occurredAt: at(offset), siteID: site, bizStep: bizStep,
                    title: LocalizedText(zh: zh, en: en), detail: LocalizedText(zh: detailZh, en: detailEn), responsible: who))
        }
        let farm = farms[0]
        let cooled = Int64.random(in: 2400...5400, using: &random)
        step(milking, farm, "commissioning", "挤奶", "Milking", "转盘式挤奶厅，奶牛逐头登记。", "Rotary parlour; every cow is recorded.", "牧场挤奶班组")
        step(milking + cooled, farm, "storing", "冷却至4 °C以下", "Cooled below 4 °C", "板式换热器速冷后进入奶仓。", "Plate cooler, then the farm tank.", "牧场奶厅")
        step(milking + 7200, farm, "transporting", "奶罐车运输", "Tanker transport", "保温奶罐车，全程温度记录。", "Insulated tanker with continuous temperature logging.", "北疆冷链车队")
        step(arrival, DemoCatalog.factory, "receiving", "收奶与验收", "Reception and acceptance", "每车取样检测后方可卸奶。", "Each tanker is sampled and tested before unloading.", "收奶工段")
        let factoryDay = arrival + 3600
        if isFormula {
            step(factoryDay + 2 * 3600, DemoCatalog.factory, "other", "标准化配料", "Standardisation", "按配方调整蛋白与脂肪。", "Protein and fat adjusted to the formula.", "配料工段")
            step(factoryDay + 3 * 3600, DemoCatalog.factory, "other", "巴氏杀菌", "Pasteurisation", "85 °C / 15 s。", "85 °C for 15 s.", "杀菌工段")
            step(factoryDay + 4 * 3600, DemoCatalog.factory, "other", "真空浓缩", "Evaporation", "三效降膜蒸发器。", "Triple-effect falling-film evaporator.", "浓缩工段")
            step(factoryDay + 6 * 3600, DemoCatalog.factory, "other", "喷雾干燥", "Spray drying", "塔内进风180 °C，出粉水分≤5%。", "Inlet air 180 °C; powder moisture at most 5%.", "干燥工段")
            step(factoryDay + 20 * 3600, DemoCatalog.factory, "other", "干法混合", "Blending", "添加维生素与矿物质预混料。", "Vitamin and mineral premix added.", "混合工段")
            if Bool.random(using: &random) {
                step(factoryDay + 26 * 3600, DemoCatalog.factory, "other", "充氮保护", "Nitrogen flushing", "罐内残氧≤2%。", "Residual oxygen in the can at most 2%.", "罐装工段")
            }
            step(factoryDay + 28 * 3600, DemoCatalog.factory, "packing", "罐装封口", "Canning and sealing", "800 g 铁罐，双重封口。", "800 g tinplate can, double seamed.", "罐装工段")
        } else {
            step(factoryDay + 2 * 3600, DemoCatalog.factory, "other", "标准化与均质", "Standardisation and homogenisation", "20 MPa 均质。", "Homogenised at 20 MPa.", "配料工段")
            step(factoryDay + 3 * 3600, DemoCatalog.factory, "other", "超高温灭菌", "UHT sterilisation", "137 °C / 4 s。", "137 °C for 4 s.", "灭菌工段")
            step(factoryDay + 4 * 3600, DemoCatalog.factory, "packing", "无菌灌装", "Aseptic filling", "六层复合无菌包装。", "Six-layer aseptic carton.", "灌装工段")
        }
        let release = factoryDay + Int64(isFormula ? 4 : 7) * 86_400
        guard passesRelease else {
            step(release, DemoCatalog.lab, "inspecting", "出厂检验未通过", "Failed release inspection", "成品检验有一项超出限量，整批冻结，不放行。", "One finished-product result is above its limit; the whole batch is frozen and not released.", "中心实验室")
            step(release + 3600, DemoCatalog.factory, "holding", "隔离存放", "Quarantined", "冻结批次隔离存放于工厂待处置。", "The frozen batch is quarantined at the factory pending disposal.", "质量部")
            return (origins, steps, readingsFor(milking: milking, cooled: cooled, arrival: arrival, release: nil, using: &random))
        }
        step(release, DemoCatalog.lab, "inspecting", "出厂检验", "Release inspection", "逐批检验合格后放行。", "Released after every batch test.", "中心实验室")
        let warehouse = DemoCatalog.warehouses[Int(batchID) % DemoCatalog.warehouses.count]
        step(release + 86_400, DemoCatalog.harbinWarehouse, "storing", "入库", "Into the warehouse", "常温仓储，温湿度监控。", "Ambient storage with temperature and humidity monitoring.", "哈尔滨配送中心")
        step(release + 3 * 86_400, warehouse, "shipping", "发往配送中心", "Shipped to distribution", "按订单发往区域配送中心。", "Shipped to the regional distribution centre.", "北疆物流")
        return (origins, steps, readingsFor(milking: milking, cooled: cooled, arrival: arrival, release: release, using: &random))
    }

    private func readingsFor(milking: Int64, cooled: Int64, arrival: Int64, release: Int64?, using random: inout SeededGenerator) -> [ColdChainReading] {
        var readings: [ColdChainReading] = []
        func read(_ leg: String, _ time: Int64, _ celsius: Double, _ maximum: Double?) {
            readings.append(ColdChainReading(id: 0, leg: leg, recordedAt: at(time), celsius: celsius, maximumCelsius: maximum))
        }
        for index in 0..<6 { read("farm_tank", milking + cooled + Int64(index) * 900, random.value(in: 2.4...3.9, decimals: 1), 4) }
        let excursionAt = hasExcursion ? Int.random(in: 2...5, using: &random) : -1
        for index in 0..<8 {
            let celsius = index == excursionAt ? random.value(in: 6.4...7.4, decimals: 1) : random.value(in: 3.0...5.4, decimals: 1)
            read("tanker", milking + 7200 + Int64(index) * 1200, celsius, 6)
        }
        for index in 0..<6 { read("factory_silo", arrival + 600 + Int64(index) * 1800, random.value(in: 3.2...4.6, decimals: 1), 6) }
        let storedFrom = release.map { $0 + 86_400 } ?? arrival + 2 * 86_400
        for index in 0..<4 { read(release == nil ? "quarantine" : "warehouse", storedFrom + Int64(index) * 43_200, random.value(in: 14.0...22.0, decimals: 1), 25) }
        return readings
    }
}

/// `YYMMDD`, as used in lot and raw-milk lot numbers.
func compact(_ date: CalendarDate) -> String {
    let text = date.description
    return String(text.dropFirst(2).filter { $0 != "-" })
}
