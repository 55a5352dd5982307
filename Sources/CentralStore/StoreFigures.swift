public import SQLiteDB

/// One office's figures as the store knows them: last push and pull, replicas, changes merged and
/// refused (summed from the stored push answers, so a re-sent batch never counts twice), and the
/// unresolved conflicts its edits lost. Counts only, no personal data.
public struct OfficeFigures: Sendable, Hashable {
    public var office: String
    public var lastPushAt: Int64?
    public var lastPullAt: Int64?
    public var replicas: Int
    public var merged: Int
    public var rejected: Int
    public var openConflicts: Int

    public init(office: String, lastPushAt: Int64?, lastPullAt: Int64?, replicas: Int, merged: Int, rejected: Int, openConflicts: Int) {
        self.office = office
        self.lastPushAt = lastPushAt
        self.lastPullAt = lastPullAt
        self.replicas = replicas
        self.merged = merged
        self.rejected = rejected
        self.openConflicts = openConflicts
    }

    /// Reads the row shape both stores' figure queries return.
    public init(row r: [SQLValue]) {
        self.init(office: r[0].text ?? "", lastPushAt: r[1].integer, lastPullAt: r[2].integer,
                  replicas: Int(r[3].integer ?? 0), merged: Int(r[4].integer ?? 0),
                  rejected: Int(r[5].integer ?? 0), openConflicts: Int(r[6].integer ?? 0))
    }
}

/// The whole store's figures for operators, read at once.
public struct StoreFigures: Sendable, Hashable {
    /// Every office that has pushed or pulled, by unit code.
    public var offices: [OfficeFigures]
    /// Position of the last change in the feed.
    public var feedPosition: Int64
    /// Unresolved conflicts over all offices.
    public var openConflicts: Int

    public init(offices: [OfficeFigures], feedPosition: Int64, openConflicts: Int) {
        self.offices = offices
        self.feedPosition = feedPosition
        self.openConflicts = openConflicts
    }
}
