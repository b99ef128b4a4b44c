import GRDB

/// The trace store's schema, as versioned GRDB migrations.
///
/// Tables are STRICT so SQLite itself refuses a number where text belongs. Never edit a shipped
/// migration: add a new one, so stores written by older versions upgrade in place.
public enum StoreSchema {
    /// The identifiers of every migration this build knows, oldest first.
    public static var knownMigrations: [String] { migrator.migrations }

    /// The migrator that creates and upgrades stores.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-trace-store", migrate: createVersion1)
        migrator.registerMigration("v2-batch-revisions", migrate: addBatchRevisions)
        migrator.registerMigration("v3-withdrawn-lots", migrate: addWithdrawnLots)
        migrator.registerMigration("v4-epcis-lineage", migrate: addEPCISLineage)
        migrator.registerMigration("v5-site-pages", migrate: addSitePageSupport)
        migrator.registerMigration("v6-covering-site-indexes", migrate: coverSiteIndexes)
        migrator.registerMigration("v7-table-change-tokens", migrate: addTableChangeTokens)
        return migrator
    }

    /// Tables whose rows belong to one batch through `batch_id`.
    static let batchChildTables = ["batch_origin", "process_step", "lab_check", "cold_chain_reading", "media"]

    /// The column that marks a batch child row as derived from EPCIS (NULL when entered by hand),
    /// per table; media rows are always entered by hand.
    static let derivedMarkers = [
        "batch_origin": "epcis_event_id", "process_step": "epcis_event_id", "lab_check": "epcis_event_id",
        "cold_chain_reading": "sensor_report_id",
    ]

    /// Every batch gets a revision that SQLite itself bumps whenever the batch row or any of its
    /// child rows is inserted, changed or deleted, whoever writes (TracePress, an import, the
    /// sqlite3 shell). Incremental builds compare revisions instead of reading every row.
    /// `store_info.generation` tells one store file from another with the same revisions.
    private static func addBatchRevisions(_ db: Database) throws {
        try db.execute(sql: "ALTER TABLE batch ADD COLUMN revision INTEGER NOT NULL DEFAULT 0")
        try db.execute(
            sql: """
                CREATE TRIGGER batch_revision_on_update AFTER UPDATE ON batch
                WHEN NEW.revision = OLD.revision
                BEGIN UPDATE batch SET revision = OLD.revision + 1 WHERE id = NEW.id; END;
                """)
        for table in batchChildTables {
            try db.execute(
                sql: """
                    CREATE TRIGGER \(table)_revision_on_insert AFTER INSERT ON \(table)
                    BEGIN UPDATE batch SET revision = revision + 1 WHERE id = NEW.batch_id; END;
                    CREATE TRIGGER \(table)_revision_on_update AFTER UPDATE ON \(table)
                    BEGIN
                        UPDATE batch SET revision = revision + 1 WHERE id = NEW.batch_id;
                        UPDATE batch SET revision = revision + 1 WHERE id = OLD.batch_id AND OLD.batch_id IS NOT NEW.batch_id;
                    END;
                    CREATE TRIGGER \(table)_revision_on_delete AFTER DELETE ON \(table)
                    BEGIN UPDATE batch SET revision = revision + 1 WHERE id = OLD.batch_id; END;
                    """)
        }
        try db.execute(
            sql: "INSERT OR IGNORE INTO store_info (key, value) VALUES ('generation', lower(hex(randomblob(16))))")
    }

    /// Lots taken off the site on purpose (never to be served again): hosts that can answer
    /// `410 Gone` for them do, instead of a 404 that suggests the page may yet appear.
    private static func addWithdrawnLots(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE withdrawn_lot (
                    gtin TEXT NOT NULL,
                    lot TEXT NOT NULL,
                    withdrawn_on TEXT NOT NULL,
                    reason TEXT NOT NULL DEFAULT '',
                    PRIMARY KEY (gtin, lot)
                ) STRICT;
                """)
    }

    /// What imported EPCIS events say about lots, so a batch's rows can be derived again from every
    /// event that reaches it (through TransformationEvents, across imports) and nothing twice.
    ///
    /// `epcis_event_lot` lists the lot-level classes each event names, with their role;
    /// `epcis_unit` maps instance and container EPCs (SGTINs, SSCCs) to the lots they hold.
    /// Rows derived from events carry the event's id, so a re-import can replace exactly them.
    private static func addEPCISLineage(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE epcis_event_lot (
                    event_id TEXT NOT NULL REFERENCES epcis_event(event_id) ON DELETE CASCADE,
                    gtin TEXT NOT NULL,
                    lot TEXT NOT NULL,
                    role TEXT NOT NULL CHECK (role IN ('subject', 'input', 'output', 'parent', 'child')),
                    PRIMARY KEY (event_id, gtin, lot, role)
                ) STRICT;
                CREATE INDEX epcis_event_lot_lot ON epcis_event_lot(gtin, lot, role);

                CREATE TABLE epcis_unit (
                    epc TEXT NOT NULL,
                    gtin TEXT NOT NULL,
                    lot TEXT NOT NULL,
                    PRIMARY KEY (epc, gtin, lot)
                ) STRICT;

                ALTER TABLE batch_origin ADD COLUMN epcis_event_id TEXT REFERENCES epcis_event(event_id);
                """)
    }

    /// A livestream's poster image (a path under `Public/` or an http(s) URL), and indexes that
    /// let a site page find the batches it supplied without scanning every step and check.
    private static func addSitePageSupport(_ db: Database) throws {
        try db.execute(
            sql: """
                ALTER TABLE media ADD COLUMN poster TEXT;
                CREATE INDEX batch_origin_farm ON batch_origin(farm_site_id);
                CREATE INDEX batch_factory ON batch(factory_site_id);
                CREATE INDEX process_step_site ON process_step(site_id);
                CREATE INDEX lab_check_lab ON lab_check(lab_site_id);
                """)
    }

    /// Site pages list every batch a site touched; with `batch_id` in the site indexes SQLite
    /// answers from the index alone instead of fetching a million step and check rows (the site
    /// listings of a 100,000-batch store: 1.55 s → 0.88 s on every build).
    private static func coverSiteIndexes(_ db: Database) throws {
        try db.execute(
            sql: """
                DROP INDEX batch_origin_farm;
                DROP INDEX process_step_site;
                DROP INDEX lab_check_lab;
                CREATE INDEX batch_origin_farm ON batch_origin(farm_site_id, batch_id);
                CREATE INDEX process_step_site ON process_step(site_id, batch_id);
                CREATE INDEX lab_check_lab ON lab_check(lab_site_id, batch_id);
                """)
    }

    /// The table that holds, per table, two counters SQLite itself moves on: `token` whenever a
    /// row of that table is inserted, changed or deleted, `removal_token` whenever a row other
    /// tables may point at goes away (deleted, or a column that references name updated).
    /// Whoever writes: triggers, like the batch revisions.
    public static let changeTokenTable = "table_change"

    /// Change tokens for every table: a build whose previous check passed checks references
    /// again only in tables that changed or whose referenced tables lost rows (SQLite's foreign
    /// key check reads every step, check and reading row: 0.9 s of a 2 s one-batch rebuild of
    /// 100,000 batches). Counters rather than random tokens, so that the same writes give the
    /// same store and the same build record (byte-identical output); the price is that two
    /// copies of one store, changed apart by the same number of writes per table and built
    /// in turn into one folder, could skip a check (`tracepress check` always checks all).
    /// Tables added by later migrations get their triggers there (`addChangeTriggers`).
    private static func addTableChangeTokens(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE \(changeTokenTable) (
                    name TEXT PRIMARY KEY NOT NULL,
                    token INTEGER NOT NULL,
                    removal_token INTEGER NOT NULL
                ) STRICT, WITHOUT ROWID
                """)
        let tables = try String.fetchAll(
            db,
            sql: """
                SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
                AND name NOT IN ('grdb_migrations', 'store_info', ?) ORDER BY name
                """, arguments: [changeTokenTable])
        // The columns other tables' foreign keys name, per referenced table.
        var referenced: [String: Set<String>] = [:]
        for table in tables {
            for foreignKey in try db.foreignKeys(on: table) {
                referenced[foreignKey.destinationTable, default: []].formUnion(foreignKey.destinationColumns)
            }
        }
        for table in tables { try addChangeTriggers(db, table: table, referencedColumns: (referenced[table] ?? []).sorted()) }
    }

    static func addChangeTriggers(_ db: Database, table: String, referencedColumns: [String]) throws {
        let changed = "UPDATE \(changeTokenTable) SET token = token + 1 WHERE name = '\(table)'"
        let removed = "UPDATE \(changeTokenTable) SET token = token + 1, removal_token = removal_token + 1 WHERE name = '\(table)'"
        try db.execute(
            sql: """
                INSERT INTO \(changeTokenTable) (name, token, removal_token) VALUES ('\(table)', 0, 0);
                CREATE TRIGGER \(table)_change_on_insert AFTER INSERT ON \(table) BEGIN \(changed); END;
                CREATE TRIGGER \(table)_change_on_update AFTER UPDATE ON \(table) BEGIN \(changed); END;
                CREATE TRIGGER \(table)_change_on_delete AFTER DELETE ON \(table) BEGIN \(removed); END;
                """)
        guard !referencedColumns.isEmpty else { return }
        try db.execute(
            sql: """
                CREATE TRIGGER \(table)_removal_on_key_update AFTER UPDATE OF \(referencedColumns.joined(separator: ", ")) ON \(table)
                BEGIN \(removed); END;
                """)
    }

    private static func createVersion1(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE store_info (
                    key TEXT PRIMARY KEY NOT NULL,
                    value TEXT NOT NULL
                ) STRICT;

                CREATE TABLE party (
                    id INTEGER PRIMARY KEY,
                    kind TEXT NOT NULL CHECK (kind IN ('brand', 'operator', 'lab', 'carrier', 'distributor')),
                    name_zh TEXT NOT NULL,
                    name_en TEXT NOT NULL,
                    gln TEXT,
                    hotline TEXT,
                    website TEXT
                ) STRICT;

                CREATE TABLE product (
                    gtin TEXT PRIMARY KEY NOT NULL,
                    brand_id INTEGER NOT NULL REFERENCES party(id),
                    name_zh TEXT NOT NULL,
                    name_en TEXT NOT NULL,
                    spec TEXT NOT NULL,
                    category_zh TEXT NOT NULL,
                    category_en TEXT NOT NULL,
                    product_standard TEXT NOT NULL,
                    formula_registration TEXT,
                    production_licence TEXT NOT NULL,
                    shelf_life_days INTEGER NOT NULL
                ) STRICT;

                CREATE TABLE site (
                    id INTEGER PRIMARY KEY,
                    code TEXT NOT NULL UNIQUE,
                    kind TEXT NOT NULL CHECK (kind IN ('farm', 'pasture', 'factory', 'lab', 'warehouse', 'store')),
                    name_zh TEXT NOT NULL,
                    name_en TEXT NOT NULL,
                    region_zh TEXT NOT NULL,
                    region_en TEXT NOT NULL,
                    latitude REAL,
                    longitude REAL,
                    herd_size INTEGER,
                    description_zh TEXT NOT NULL DEFAULT '',
                    description_en TEXT NOT NULL DEFAULT '',
                    gln TEXT,
                    operator_id INTEGER REFERENCES party(id)
                ) STRICT;

                CREATE TABLE batch (
                    id INTEGER PRIMARY KEY,
                    gtin TEXT NOT NULL REFERENCES product(gtin),
                    lot TEXT NOT NULL,
                    produced_on TEXT NOT NULL,
                    expires_on TEXT NOT NULL,
                    quantity INTEGER,
                    status TEXT NOT NULL DEFAULT 'released' CHECK (status IN ('released', 'on_hold', 'recalled')),
                    status_reason_zh TEXT,
                    status_reason_en TEXT,
                    status_since TEXT,
                    factory_site_id INTEGER REFERENCES site(id)
                ) STRICT;
                -- Case-insensitive: `ab1` and `AB1` would collide on a case-insensitive disk.
                CREATE UNIQUE INDEX batch_gtin_lot ON batch(gtin, lot COLLATE NOCASE);

                CREATE TABLE batch_origin (
                    id INTEGER PRIMARY KEY,
                    batch_id INTEGER NOT NULL REFERENCES batch(id) ON DELETE CASCADE,
                    farm_site_id INTEGER NOT NULL REFERENCES site(id),
                    raw_milk_lot TEXT NOT NULL,
                    tanker_plate TEXT,
                    arrived_at TEXT,
                    arrival_celsius REAL
                ) STRICT;
                CREATE INDEX batch_origin_batch ON batch_origin(batch_id);

                -- Room for EPCIS: imported events are kept whole, and rows derived from them point back.
                CREATE TABLE epcis_event (
                    event_id TEXT PRIMARY KEY NOT NULL,
                    event_type TEXT NOT NULL,
                    event_time TEXT NOT NULL,
                    biz_step TEXT,
                    disposition TEXT,
                    read_point TEXT,
                    biz_location TEXT,
                    voided INTEGER NOT NULL DEFAULT 0,
                    document TEXT NOT NULL
                ) STRICT;

                CREATE TABLE sensor_report (
                    id INTEGER PRIMARY KEY,
                    event_id TEXT NOT NULL REFERENCES epcis_event(event_id) ON DELETE CASCADE,
                    type TEXT NOT NULL,
                    value REAL,
                    min_value REAL,
                    max_value REAL,
                    mean_value REAL,
                    uom TEXT,
                    time TEXT,
                    exception TEXT
                ) STRICT;
                CREATE INDEX sensor_report_event ON sensor_report(event_id);

                CREATE TABLE process_step (
                    id INTEGER PRIMARY KEY,
                    batch_id INTEGER NOT NULL REFERENCES batch(id) ON DELETE CASCADE,
                    sequence INTEGER NOT NULL,
                    occurred_at TEXT NOT NULL,
                    site_id INTEGER REFERENCES site(id),
                    biz_step TEXT NOT NULL,
                    title_zh TEXT NOT NULL,
                    title_en TEXT NOT NULL,
                    detail_zh TEXT NOT NULL DEFAULT '',
                    detail_en TEXT NOT NULL DEFAULT '',
                    responsible TEXT,
                    epcis_event_id TEXT REFERENCES epcis_event(event_id)
                ) STRICT;
                CREATE INDEX process_step_batch ON process_step(batch_id, sequence);

                CREATE TABLE lab_check (
                    id INTEGER PRIMARY KEY,
                    batch_id INTEGER NOT NULL REFERENCES batch(id) ON DELETE CASCADE,
                    stage TEXT NOT NULL CHECK (stage IN ('raw', 'in_process', 'finished')),
                    item_zh TEXT NOT NULL,
                    item_en TEXT NOT NULL,
                    method TEXT NOT NULL,
                    value REAL,
                    not_detected INTEGER NOT NULL DEFAULT 0,
                    samples TEXT,
                    unit TEXT NOT NULL,
                    limit_min REAL,
                    limit_max REAL,
                    plan_n INTEGER,
                    plan_c INTEGER,
                    plan_m REAL,
                    plan_big_m REAL,
                    limit_unit TEXT NOT NULL,
                    limit_source TEXT NOT NULL,
                    verdict TEXT NOT NULL CHECK (verdict IN ('pass', 'fail', 'incomplete', 'info')),
                    lab_site_id INTEGER REFERENCES site(id),
                    report_no TEXT,
                    report_url TEXT,
                    tested_at TEXT,
                    epcis_event_id TEXT REFERENCES epcis_event(event_id)
                ) STRICT;
                CREATE INDEX lab_check_batch ON lab_check(batch_id);

                CREATE TABLE cold_chain_reading (
                    id INTEGER PRIMARY KEY,
                    batch_id INTEGER NOT NULL REFERENCES batch(id) ON DELETE CASCADE,
                    leg TEXT NOT NULL,
                    recorded_at TEXT NOT NULL,
                    celsius REAL NOT NULL,
                    max_celsius REAL,
                    sensor_report_id INTEGER REFERENCES sensor_report(id)
                ) STRICT;
                CREATE INDEX cold_chain_reading_batch ON cold_chain_reading(batch_id, recorded_at);

                CREATE TABLE media (
                    id INTEGER PRIMARY KEY,
                    site_id INTEGER REFERENCES site(id) ON DELETE CASCADE,
                    batch_id INTEGER REFERENCES batch(id) ON DELETE CASCADE,
                    kind TEXT NOT NULL CHECK (kind IN ('photo', 'video', 'livestream')),
                    title_zh TEXT NOT NULL,
                    title_en TEXT NOT NULL,
                    url TEXT NOT NULL,
                    alt_zh TEXT NOT NULL DEFAULT '',
                    alt_en TEXT NOT NULL DEFAULT '',
                    platform TEXT,
                    starts_at TEXT,
                    ends_at TEXT,
                    replay_url TEXT,
                    CHECK ((site_id IS NULL) <> (batch_id IS NULL))
                ) STRICT;
                CREATE INDEX media_site ON media(site_id);
                CREATE INDEX media_batch ON media(batch_id);

                CREATE TABLE certificate (
                    id INTEGER PRIMARY KEY,
                    site_id INTEGER REFERENCES site(id) ON DELETE CASCADE,
                    gtin TEXT REFERENCES product(gtin) ON DELETE CASCADE,
                    name_zh TEXT NOT NULL,
                    name_en TEXT NOT NULL,
                    number TEXT NOT NULL,
                    issuer TEXT NOT NULL,
                    valid_from TEXT,
                    valid_until TEXT,
                    url TEXT
                ) STRICT;
                """)
    }
}
