import TraceModel

/// The fixed cast of the demo: one dairy brand in Heilongjiang, its products, farms, factory, lab
/// and warehouses. All names are invented; coordinates are real places.
enum DemoCatalog {
    /// The demo's "now": every generated time is relative to it, never to the wall clock.
    static let now = try! Timestamp(parsing: "2026-11-20T12:00:00+08:00")

    static let brand = Brand(
        id: 1, name: LocalizedText(zh: "北疆牧场乳业", en: "Beijiang Pastures Dairy"), hotline: "400-820-0000",
        website: "https://www.example.com/beijiang")

    struct DemoProduct {
        let product: Product
        let isFormula: Bool
    }

    static let products: [DemoProduct] = [
        formula(item: "100001", stage: 1, months: "0–6", standard: "GB 10765-2021", registration: "国食注字YP20230001"),
        formula(item: "100002", stage: 2, months: "6–12", standard: "GB 10766-2021", registration: "国食注字YP20230002"),
        formula(item: "100003", stage: 3, months: "12–36", standard: "GB 10767-2021", registration: "国食注字YP20230003"),
        DemoProduct(
            product: Product(
                gtin: try! GTIN.completing("0952123420001"), name: LocalizedText(zh: "北疆纯牛奶", en: "Beijiang Whole Milk"),
                spec: "250 mL", category: LocalizedText(zh: "灭菌乳（UHT）", en: "UHT sterilised milk"),
                productStandard: "GB 25190-2010", formulaRegistration: nil, productionLicence: "SC10523020400017",
                shelfLifeDays: 180),
            isFormula: false),
    ]

    private static func formula(item: String, stage: Int, months: String, standard: String, registration: String) -> DemoProduct {
        let stageZh = ["", "1段", "2段", "3段"][stage]
        let audienceZh = ["", "婴儿配方奶粉", "较大婴儿配方奶粉", "幼儿配方奶粉"][stage]
        let audienceEn = ["", "Infant formula", "Follow-on formula", "Young child formula"][stage]
        return DemoProduct(
            product: Product(
                gtin: try! GTIN.completing("0952123" + item), name: LocalizedText(zh: "北疆星护\(audienceZh) \(stageZh)", en: "Beijiang StarCare \(audienceEn), stage \(stage)"),
                spec: "800 g", category: LocalizedText(zh: "\(audienceZh)（\(months)月龄，\(stageZh)）", en: "\(audienceEn) (\(months) months, stage \(stage))"),
                productStandard: standard, formulaRegistration: registration, productionLicence: "SC10623020400012",
                shelfLifeDays: 730),
            isFormula: true)
    }

    // Site ids are fixed so that generated rows can refer to them directly.
    static let fuyuPasture: Int64 = 10
    static let lindianFarm: Int64 = 11
    static let beianFarm: Int64 = 12
    static let suihuaFarm: Int64 = 13
    static let factory: Int64 = 20
    static let lab: Int64 = 30
    static let harbinWarehouse: Int64 = 40
    static let shanghaiWarehouse: Int64 = 41
    static let guangzhouWarehouse: Int64 = 42
    static let farms: [Int64] = [fuyuPasture, lindianFarm, beianFarm, suihuaFarm]
    static let warehouses: [Int64] = [harbinWarehouse, shanghaiWarehouse, guangzhouWarehouse]

    static let sites: [Site] = [
        site(fuyuPasture, "fuyu-pasture", .pasture, "富裕草原牧场", "Fuyu Grassland Pasture", "黑龙江省齐齐哈尔市富裕县", "Fuyu County, Qiqihar, Heilongjiang", 47.78, 124.47, 3200,
             "嫩江平原上的放牧型牧场，荷斯坦奶牛夏季在天然草场放牧。", "A grazing pasture on the Nenjiang plain; Holstein cows graze natural grassland in summer."),
        site(lindianFarm, "lindian-farm", .farm, "林甸生态牧场", "Lindian Eco Farm", "黑龙江省大庆市林甸县", "Lindian County, Daqing, Heilongjiang", 47.18, 124.87, 5400,
             "规模化牧场，转盘式挤奶厅，挤奶后两小时内冷却至4 °C以下。", "Large farm with a rotary milking parlour; milk is cooled below 4 °C within two hours."),
        site(beianFarm, "beian-farm", .farm, "北安黑土牧场", "Bei'an Black Soil Farm", "黑龙江省黑河市北安市", "Bei'an, Heihe, Heilongjiang", 48.24, 126.49, 2800,
             "位于小兴安岭南麓的黑土地牧场，自种青贮玉米。", "A black-soil farm at the foot of the Lesser Khingan range that grows its own silage maize."),
        site(suihuaFarm, "suihua-farm", .farm, "绥化寒地牧场", "Suihua Cold-Land Farm", "黑龙江省绥化市北林区", "Beilin District, Suihua, Heilongjiang", 46.64, 126.97, 3900,
             "寒地牧场，冬季牛舍恒温管理。", "A cold-region farm with temperature-managed barns in winter."),
        site(factory, "qiqihar-factory", .factory, "北疆乳业齐齐哈尔工厂", "Beijiang Qiqihar Factory", "黑龙江省齐齐哈尔市建华区", "Jianhua District, Qiqihar, Heilongjiang", 47.35, 123.96, nil,
             "一体化婴配粉工厂：湿法工艺，从鲜奶到罐装全程在同一厂区完成。", "Integrated formula plant: wet-mix process from fresh milk to sealed can on one site."),
        site(lab, "central-lab", .lab, "北疆乳业中心实验室", "Beijiang Central Laboratory", "黑龙江省齐齐哈尔市建华区", "Jianhua District, Qiqihar, Heilongjiang", 47.36, 123.97, nil,
             "CNAS认可实验室，按GB方法逐批检验。", "CNAS-accredited lab testing every batch by GB methods."),
        site(harbinWarehouse, "harbin-dc", .warehouse, "哈尔滨配送中心", "Harbin Distribution Centre", "黑龙江省哈尔滨市道里区", "Daoli District, Harbin, Heilongjiang", 45.75, 126.63, nil, "", ""),
        site(shanghaiWarehouse, "shanghai-dc", .warehouse, "上海配送中心", "Shanghai Distribution Centre", "上海市嘉定区", "Jiading District, Shanghai", 31.38, 121.25, nil, "", ""),
        site(guangzhouWarehouse, "guangzhou-dc", .warehouse, "广州配送中心", "Guangzhou Distribution Centre", "广东省广州市白云区", "Baiyun District, Guangzhou, Guangdong", 23.16, 113.27, nil, "", ""),
    ]

    private static func site(
        _ id: Int64, _ code: String, _ kind: Site.Kind, _ nameZh: String, _ nameEn: String, _ regionZh: String, _ regionEn: String,
        _ latitude: Double, _ longitude: Double, _ herd: Int?, _ descriptionZh: String, _ descriptionEn: String
    ) -> Site {
        Site(
            id: id, code: code, kind: kind, name: LocalizedText(zh: nameZh, en: nameEn), region: LocalizedText(zh: regionZh, en: regionEn),
            coordinate: Coordinate(latitude: latitude, longitude: longitude), herdSize: herd,
            description: LocalizedText(zh: descriptionZh, en: descriptionEn))
    }

    /// Photos and livestreams of farms and the factory: past sessions with replays, and upcoming ones.
    static func siteMedia() -> [(siteID: Int64, item: MediaItem)] {
        var items: [(Int64, MediaItem)] = []
        var nextID: Int64 = 1
        func add(_ site: Int64, _ item: (Int64) -> MediaItem) {
            items.append((site, item(nextID)))
            nextID += 1
        }
        let platforms = ["douyin", "wechat_channels", "bilibili", "kuaishou"]
        for (index, site) in (farms + [factory]).enumerated() {
            let isFactory = site == factory
            add(site) { id in
                MediaItem(
                    id: id, kind: .photo,
                    title: isFactory ? LocalizedText(zh: "罐装车间", en: "Canning hall") : LocalizedText(zh: "牧场奶牛", en: "Cows at the farm"),
                    url: isFactory ? "images/factory.svg" : "images/pasture.svg",
                    alt: isFactory
                        ? LocalizedText(zh: "工厂罐装线示意图：传送带上的奶粉罐", en: "Drawing of the canning line: formula cans on a conveyor")
                        : LocalizedText(zh: "牧场示意图：草场上的奶牛和牛舍", en: "Drawing of the farm: cows on grassland beside the barns"),
                    platform: nil, startsAt: nil, endsAt: nil, replayURL: nil)
            }
            // One past session with a replay, one upcoming session.
            let pastStart = Timestamp(secondsSinceEpoch: now.secondsSinceEpoch - Int64(86_400 * (3 + index * 2)) - 3 * 3600, utcOffsetMinutes: 480)
            let upcomingStart = Timestamp(secondsSinceEpoch: now.secondsSinceEpoch + Int64(86_400 * (2 + index)) - 2 * 3600, utcOffsetMinutes: 480)
            let place = sites.first { $0.id == site }!.name
            for (start, isPast) in [(pastStart, true), (upcomingStart, false)] {
                add(site) { id in
                    MediaItem(
                        id: id, kind: .livestream,
                        title: LocalizedText(
                            zh: isFactory ? "透明工厂直播：从鲜奶到罐装" : "牧场直播：清晨挤奶与冷却（\(place.zh)）",
                            en: isFactory ? "Open factory live: from fresh milk to sealed can" : "Farm live: morning milking and cooling (\(place.en))"),
                        url: "https://live.example.com/beijiang/\(site)/\(id)", alt: LocalizedText(zh: "", en: ""),
                        platform: platforms[(index + (isPast ? 0 : 1)) % platforms.count], startsAt: start,
                        endsAt: Timestamp(secondsSinceEpoch: start.secondsSinceEpoch + 5400, utcOffsetMinutes: 480),
                        replayURL: isPast ? "https://live.example.com/beijiang/\(site)/\(id)/replay" : nil,
                        poster: isFactory ? "images/factory.svg" : "images/pasture.svg")
                }
            }
        }
        return items
    }

    static func certificates() -> [(siteID: Int64, certificate: Certificate)] {
        var result: [(Int64, Certificate)] = []
        var nextID: Int64 = 1
        for site in farms {
            result.append(
                (site, Certificate(
                    id: nextID, name: LocalizedText(zh: "良好农业规范认证（GAP）", en: "Good Agricultural Practice (GAP)"),
                    number: "GAP-23-\(1000 + nextID)", issuer: "中国质量认证中心 CQC", validFrom: try! CalendarDate(parsing: "2025-03-01"),
                    validUntil: try! CalendarDate(parsing: "2028-02-28"), url: nil)))
            nextID += 1
        }
        result.append(
            (factory, Certificate(
                id: nextID, name: LocalizedText(zh: "食品安全管理体系认证（FSSC 22000）", en: "Food safety management (FSSC 22000)"),
                number: "FSSC-22000-8841", issuer: "SGS", validFrom: try! CalendarDate(parsing: "2024-06-01"),
                validUntil: try! CalendarDate(parsing: "2027-05-31"), url: nil)))
        return result
    }
}
