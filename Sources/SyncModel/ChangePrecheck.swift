/// What a server's validator finds in one pushed change without the store or the pushing office: done
/// while the batch ahead is being merged and kept beside the batch (`PushRequest.prechecks`), so the
/// store's transaction only adds the checks that need the row's owner and the token's office.
public struct ChangePrecheck: Sendable, Hashable {
    /// A refusal that comes before the office check: unknown table, malformed row id, another site's change.
    public var first: Rejection?
    /// A refusal that comes right after the office check: clock too far ahead, unknown unit, owner edit.
    public var second: Rejection?
    /// A creation's owner as its values name it (nil: none, so the creating office).
    public var creationOwner: String?
    /// A creation's refusal when the store does not know the row yet: a required value missing.
    public var missingRequired: Rejection?
    /// The first value that is not a column of the change's unit, or not of its column's type.
    public var badValue: Rejection?

    public init(first: Rejection? = nil, second: Rejection? = nil, creationOwner: String? = nil,
                missingRequired: Rejection? = nil, badValue: Rejection? = nil) {
        self.first = first
        self.second = second
        self.creationOwner = creationOwner
        self.missingRequired = missingRequired
        self.badValue = badValue
    }
}
