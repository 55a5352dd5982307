import Testing
@testable import Import

@Suite struct ImportTestsPlaceholder {}
