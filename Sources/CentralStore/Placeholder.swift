enum _PlaceholderCentralStore {}
