enum _PlaceholderMergeStore {}
