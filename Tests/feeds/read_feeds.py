#!/usr/bin/env python3
"""Reads TracePress feeds back with real parsers and prints what they hold as JSON.

    python3 Tests/feeds/read_feeds.py ics FILE    # iCalendar (RFC 5545) via the icalendar package
    python3 Tests/feeds/read_feeds.py atom FILE   # Atom (RFC 4287) via feedparser, plus the RFC's rules

Exits 1, naming the rule, when the file breaks one; the Swift tests compare the printed values.
"""
import json
import re
import sys
import xml.etree.ElementTree as ElementTree

RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
ATOM = "{http://www.w3.org/2005/Atom}"


def fail(message):
    print(message, file=sys.stderr)
    sys.exit(1)


def read_ics(path):
    import icalendar

    data = open(path, "rb").read()
    if not data.endswith(b"\r\n") or b"\n" in data.replace(b"\r\n", b""):
        fail("lines must end in CRLF")
    for number, line in enumerate(data.split(b"\r\n"), 1):
        if len(line) > 75:
            fail(f"line {number} has {len(line)} octets; RFC 5545 folds at 75")
    calendar = icalendar.Calendar.from_ical(data)
    events = []
    for event in calendar.walk("VEVENT"):
        for required in ("UID", "DTSTAMP", "DTSTART"):
            if required not in event:
                fail(f"an event lacks {required}")
        events.append({
            "uid": str(event["UID"]),
            "summary": str(event.get("SUMMARY", "")),
            "location": str(event.get("LOCATION", "")),
            "description": str(event.get("DESCRIPTION", "")),
            "start": event.decoded("DTSTART").isoformat(),
            "end": event.decoded("DTEND").isoformat() if "DTEND" in event else "",
            "url": str(event.get("URL", "")),
        })
    print(json.dumps({"name": str(calendar.get("X-WR-CALNAME", "")), "events": events}, ensure_ascii=False))


def read_atom(path):
    import feedparser

    parsed = feedparser.parse(path)
    if parsed.bozo:
        fail(f"not well-formed: {parsed.bozo_exception}")
    if parsed.version != "atom10":
        fail(f"not Atom 1.0 but {parsed.version!r}")
    root = ElementTree.parse(path).getroot()
    if root.tag != ATOM + "feed":
        fail("the root element is not atom:feed")

    def check(element, where, author_required):
        for name in ("id", "title", "updated"):
            found = element.findall(ATOM + name)
            if len(found) != 1:
                fail(f"{where} needs exactly one atom:{name}, has {len(found)}")
        if not re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", element.find(ATOM + "id").text or ""):
            fail(f"{where}: atom:id is not an absolute IRI")
        if not RFC3339.match(element.find(ATOM + "updated").text or ""):
            fail(f"{where}: atom:updated is not an RFC 3339 date-time")
        alternates = [link for link in element.findall(ATOM + "link") if link.get("rel", "alternate") == "alternate"]
        if len({(link.get("type"), link.get("hreflang")) for link in alternates}) != len(alternates):
            fail(f"{where}: two alternate links with the same type and hreflang")
        if author_required and element.find(ATOM + "author") is None:
            fail(f"{where}: no atom:author")

    check(root, "feed", author_required=True)
    if not any(link.get("rel") == "self" for link in root.findall(ATOM + "link")):
        fail("feed: no rel=self link")
    entries = []
    for index, entry in enumerate(root.findall(ATOM + "entry")):
        check(entry, f"entry {index}", author_required=False)
        if entry.find(ATOM + "link") is None and entry.find(ATOM + "content") is None:
            fail(f"entry {index}: needs atom:content or an alternate link")
        entries.append({
            "id": entry.find(ATOM + "id").text,
            "title": entry.find(ATOM + "title").text,
            "updated": entry.find(ATOM + "updated").text,
            "link": entry.find(ATOM + "link").get("href"),
            "summary": (entry.find(ATOM + "summary").text or "") if entry.find(ATOM + "summary") is not None else "",
        })
    print(json.dumps({"title": parsed.feed.title, "entries": entries}, ensure_ascii=False))


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] not in ("ics", "atom"):
        fail(__doc__)
    (read_ics if sys.argv[1] == "ics" else read_atom)(sys.argv[2])
