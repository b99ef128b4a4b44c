#!/usr/bin/env python3
"""Exports a TracePress demo store to a Hugo site with the same batches, for a side-by-side timing.

    python3 Benchmarks/hugo/export.py STORE HUGO_SITE_FOLDER

One content file per batch (front matter holds the batch, its product, steps, checks and
readings, as a TracePress batch page shows them) and a layout that prints the same sections.
Hugo renders pages only: no QR images, no second language, no manifests.
"""
import json
import os
import sqlite3
import sys

store, site = sys.argv[1], sys.argv[2]
layouts = os.path.join(os.path.dirname(os.path.abspath(__file__)), "layouts")
os.makedirs(os.path.join(site, "content", "batches"), exist_ok=True)
with open(os.path.join(site, "hugo.toml"), "w") as config:
    config.write('baseURL = "https://trace.example.com/"\ntitle = "Trace"\ndisableKinds = ["taxonomy", "term", "RSS", "sitemap"]\n')
os.makedirs(os.path.join(site, "layouts", "_default"), exist_ok=True)
for name in ["single.html", "list.html"]:
    with open(os.path.join(layouts, name)) as source, open(os.path.join(site, "layouts", "_default", name), "w") as target:
        target.write(source.read())

db = sqlite3.connect(store)
db.row_factory = sqlite3.Row
products = {row["gtin"]: dict(row) for row in db.execute("SELECT * FROM product")}
sites = {row["id"]: dict(row) for row in db.execute("SELECT * FROM site")}


class Children:
    """Rows of a child table in batch order, read alongside the batches (memory stays flat)."""

    def __init__(self, table, order):
        self.cursor = sqlite3.connect(store)
        self.cursor.row_factory = sqlite3.Row
        self.rows = self.cursor.execute(f"SELECT * FROM {table} ORDER BY batch_id, {order}")
        self.pending = self.rows.fetchone()

    def get(self, batch_id, default):
        found = []
        while self.pending is not None and self.pending["batch_id"] <= batch_id:
            if self.pending["batch_id"] == batch_id:
                found.append(dict(self.pending))
            self.pending = self.rows.fetchone()
        return found or default


steps, checks, readings, origins = Children("process_step", "sequence"), Children("lab_check", "id"), \
    Children("cold_chain_reading", "recorded_at"), Children("batch_origin", "id")
for batch in db.execute("SELECT * FROM batch ORDER BY id"):
    batch = dict(batch)
    front = {
        "title": f'{products[batch["gtin"]]["name_zh"]} {batch["lot"]}',
        "url": f'/01/{batch["gtin"]}/10/{batch["lot"]}/',
        "batch": batch,
        "product": products[batch["gtin"]],
        "origins": [dict(o, farm=sites[o["farm_site_id"]]) for o in origins.get(batch["id"], [])],
        "steps": steps.get(batch["id"], []),
        "checks": checks.get(batch["id"], []),
        "readings": readings.get(batch["id"], []),
    }
    with open(os.path.join(site, "content", "batches", f'{batch["id"]}.md'), "w") as page:
        page.write(json.dumps(front, ensure_ascii=False) + "\n")
