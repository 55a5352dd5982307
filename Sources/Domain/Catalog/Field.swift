/// One column of a domain table: its SQL name, the Chinese label clerks see, and how it is typed.
public struct Field: Sendable, Hashable {
    /// SQL column name (ASCII snake case).
    public let name: String
    /// The label used in spreadsheets and reports, e.g. `总投资`.
    public let label: String
    /// Other header texts importers accept for this field (Chinese or English).
    public let aliases: [String]
    public let type: FieldType
    /// The unit values are shown and, absent any other hint, typed in (`万元` for most amounts).
    public let unit: MoneyUnit?
    /// Whether a row is invalid without a value here.
    public let required: Bool
    /// The bureau role that owns writes to this column across offices, when not the row owner.
    public let columnOwner: String?

    public init(
        _ name: String, _ label: String, _ type: FieldType,
        unit: MoneyUnit? = nil, required: Bool = false, aliases: [String] = [], columnOwner: String? = nil
    ) {
        self.name = name
        self.label = label
        self.type = type
        self.unit = unit ?? (type == .money ? .wanYuan : nil)
        self.required = required
        self.aliases = aliases
        self.columnOwner = columnOwner
    }
}
