import Testing
@testable import Reports

@Suite struct ReportsTestsPlaceholder {}
