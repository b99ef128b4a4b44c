/// A photo, video or livestream attached to a site or a batch.
public struct MediaItem: Hashable, Sendable {
    /// What a media item is.
    public enum Kind: String, CaseIterable, Sendable {
        case photo, video, livestream
    }

    public var id: Int64
    public var kind: Kind
    public var title: LocalizedText
    /// Image path under `Public/` or an http(s) URL.
    public var url: String
    /// Alternative text for photos.
    public var alt: LocalizedText
    /// Livestream platform, e.g. Douyin, WeChat Channels, Bilibili.
    public var platform: String?
    public var startsAt: Timestamp?
    public var endsAt: Timestamp?
    public var replayURL: String?
    /// Poster image of a livestream: a path under `Public/` or an http(s) URL.
    public var poster: String?

    public init(
        id: Int64, kind: Kind, title: LocalizedText, url: String, alt: LocalizedText, platform: String?,
        startsAt: Timestamp?, endsAt: Timestamp?, replayURL: String?, poster: String? = nil
    ) {
        self.id = id
        self.kind = kind
        self.title = title
        self.url = url
        self.alt = alt
        self.platform = platform
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.replayURL = replayURL
        self.poster = poster
    }
}
