import Testing
@testable import Spreadsheet

@Suite struct SpreadsheetTestsPlaceholder {}
