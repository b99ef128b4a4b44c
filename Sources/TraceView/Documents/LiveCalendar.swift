import TraceModel

/// `live.ics`: livestream sessions as an iCalendar feed (RFC 5545) a phone calendar can add.
///
/// Written by hand: the format is a few lines, and the parts that matter (escaping `\ ; ,` and
/// newlines in text, folding lines at 75 octets without splitting a UTF-8 character, CRLF) are
/// tested against Python's `icalendar` parser.
public enum LiveCalendar {
    /// The feed of the given sessions.
    ///
    /// - Parameters:
    ///   - sessions: From `LivestreamSchedule.sessions`.
    ///   - name: The calendar's name (`X-WR-CALNAME`).
    ///   - context: Base URL (for stable UIDs) and reference data.
    public static func document(of sessions: [LivestreamSchedule.Session], name: String, in context: SiteContext) -> [UInt8] {
        let host = context.baseURL.split(separator: "/").dropFirst(1).first.map(String.init) ?? "tracepress"
        let stamp = context.reference.dataAsOf ?? sessions.first?.start
        var lines = [
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//TracePress//Trace livestreams//ZH", "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH", "X-WR-CALNAME:" + escaped(name),
        ]
        for session in sessions {
            let item = session.item
            let place = context.reference.sites[session.siteID]
            let title = item.title.zh == item.title.en ? item.title.zh : "\(item.title.zh) / \(item.title.en)"
            var description: [String] = []
            if let platform = item.platform { description.append(Platforms.label(platform).zh + " " + Platforms.label(platform).en) }
            if let replay = item.replayURL, isWebLink(replay) { description.append("回放 Replay: " + replay) }
            lines += [
                "BEGIN:VEVENT",
                "UID:livestream-\(item.id)@\(host)",
                "DTSTAMP:" + utc(stamp ?? session.start),
                "DTSTART:" + utc(session.start),
            ]
            if let end = item.endsAt { lines.append("DTEND:" + utc(end)) }
            lines.append("SUMMARY:" + escaped(title))
            if let place { lines.append("LOCATION:" + escaped(place.name.zh == place.name.en ? place.name.zh : "\(place.name.zh) / \(place.name.en)")) }
            if let coordinate = place?.coordinate { lines.append("GEO:\(formatNumber(coordinate.latitude));\(formatNumber(coordinate.longitude))") }
            if !description.isEmpty { lines.append("DESCRIPTION:" + escaped(description.joined(separator: "\n"))) }
            if isWebLink(item.url) { lines.append("URL:" + item.url) }
            lines.append("END:VEVENT")
        }
        lines.append("END:VCALENDAR")
        return Array(lines.map(folded).joined(separator: "\r\n").utf8) + Array("\r\n".utf8)
    }

    /// TEXT escaping (RFC 5545 §3.3.11): backslash, semicolon, comma and newlines.
    static func escaped(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "\\": result += "\\\\"
            case ";": result += "\\;"
            case ",": result += "\\,"
            case "\n", "\r\n", "\r": result += "\\n"
            default: result.append(character)
            }
        }
        return result
    }

    /// Folds a content line into pieces of at most 75 octets (§3.1), never inside a character.
    static func folded(_ line: String) -> String {
        var pieces: [String] = []
        var current = ""
        var octets = 0
        for character in line {
            let size = String(character).utf8.count
            let limit = pieces.isEmpty ? 75 : 74  // continuation lines start with a space
            if octets + size > limit {
                pieces.append(current)
                current = ""
                octets = 0
            }
            current.append(character)
            octets += size
        }
        pieces.append(current)
        return pieces.joined(separator: "\r\n ")
    }

    /// `20260301T053000Z`.
    static func utc(_ time: Timestamp) -> String {
        let (date, hour, minute, second) = Timestamp(secondsSinceEpoch: time.secondsSinceEpoch, utcOffsetMinutes: 0).local
        let digits = date.description.filter { $0 != "-" }
        return digits + "T" + DisplayFormat.pad(hour) + DisplayFormat.pad(minute) + DisplayFormat.pad(second) + "Z"
    }
}
