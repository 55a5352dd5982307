internal import CDistrictXlsx

/// A failure of the xlsx writer: either an argument refused before it reached libxlsxwriter, or an
/// `lxw_error` the C library returned, mapped by its constant's name (numbers shift between versions).
public struct XlsxError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Stable codes. Cases named `lxw…` mirror libxlsxwriter's `LXW_ERROR_…` constants.
    public enum Code: String, Sendable, Equatable {
        // Checks made in Swift before calling C.
        case invalidSheetName, duplicateSheetName, stringTooLong, cellOutOfRange, overlappingMerge
        case singleCellMerge, rowOrder, invalidNumber, invalidDate, invalidArgument, closed
        // libxlsxwriter's own errors (1.1.4 `common.h`), mapped by constant name.
        case lxwMemoryMallocFailed, lxwCreatingXlsxFile, lxwCreatingTmpfile, lxwReadingTmpfile
        case lxwZipFileOperation, lxwZipParameterError, lxwZipBadZipFile, lxwZipInternalError
        case lxwZipFileAdd, lxwZipClose, lxwFeatureNotSupported, lxwNullParameterIgnored
        case lxwParameterValidation, lxwSheetnameLengthExceeded, lxwInvalidSheetnameCharacter
        case lxwSheetnameStartEndApostrophe, lxwSheetnameAlreadyUsed, lxw32StringLengthExceeded
        case lxw128StringLengthExceeded, lxw255StringLengthExceeded, lxwMaxStringLengthExceeded
        case lxwSharedStringIndexNotFound, lxwWorksheetIndexOutOfRange, lxwWorksheetMaxUrlLengthExceeded
        case lxwWorksheetMaxNumberUrlsExceeded, lxwImageDimensions, lxwUnknown
    }

    public let code: Code
    /// What went wrong and where (sheet, cell), in Chinese.
    public let message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(message)（\(code.rawValue)）" }

    /// Throws when `error` is not `LXW_NO_ERROR`; `context` names the call and the place.
    static func check(_ error: lxw_error, _ context: @autoclosure () -> String) throws {
        guard error != LXW_NO_ERROR else { return }
        let text = lxw_strerror(error).map { String(cString: $0) } ?? "未知错误"
        throw XlsxError(code(of: error), "\(context())：libxlsxwriter 报错 \(text)")
    }

    /// The code for a C error, compared against the named constants.
    static func code(of error: lxw_error) -> Code {
        let table: [(lxw_error, Code)] = [
            (LXW_ERROR_MEMORY_MALLOC_FAILED, .lxwMemoryMallocFailed),
            (LXW_ERROR_CREATING_XLSX_FILE, .lxwCreatingXlsxFile),
            (LXW_ERROR_CREATING_TMPFILE, .lxwCreatingTmpfile),
            (LXW_ERROR_READING_TMPFILE, .lxwReadingTmpfile),
            (LXW_ERROR_ZIP_FILE_OPERATION, .lxwZipFileOperation),
            (LXW_ERROR_ZIP_PARAMETER_ERROR, .lxwZipParameterError),
            (LXW_ERROR_ZIP_BAD_ZIP_FILE, .lxwZipBadZipFile),
            (LXW_ERROR_ZIP_INTERNAL_ERROR, .lxwZipInternalError),
            (LXW_ERROR_ZIP_FILE_ADD, .lxwZipFileAdd),
            (LXW_ERROR_ZIP_CLOSE, .lxwZipClose),
            (LXW_ERROR_FEATURE_NOT_SUPPORTED, .lxwFeatureNotSupported),
            (LXW_ERROR_NULL_PARAMETER_IGNORED, .lxwNullParameterIgnored),
            (LXW_ERROR_PARAMETER_VALIDATION, .lxwParameterValidation),
            (LXW_ERROR_SHEETNAME_LENGTH_EXCEEDED, .lxwSheetnameLengthExceeded),
            (LXW_ERROR_INVALID_SHEETNAME_CHARACTER, .lxwInvalidSheetnameCharacter),
            (LXW_ERROR_SHEETNAME_START_END_APOSTROPHE, .lxwSheetnameStartEndApostrophe),
            (LXW_ERROR_SHEETNAME_ALREADY_USED, .lxwSheetnameAlreadyUsed),
            (LXW_ERROR_32_STRING_LENGTH_EXCEEDED, .lxw32StringLengthExceeded),
            (LXW_ERROR_128_STRING_LENGTH_EXCEEDED, .lxw128StringLengthExceeded),
            (LXW_ERROR_255_STRING_LENGTH_EXCEEDED, .lxw255StringLengthExceeded),
            (LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED, .lxwMaxStringLengthExceeded),
            (LXW_ERROR_SHARED_STRING_INDEX_NOT_FOUND, .lxwSharedStringIndexNotFound),
            (LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE, .lxwWorksheetIndexOutOfRange),
            (LXW_ERROR_WORKSHEET_MAX_URL_LENGTH_EXCEEDED, .lxwWorksheetMaxUrlLengthExceeded),
            (LXW_ERROR_WORKSHEET_MAX_NUMBER_URLS_EXCEEDED, .lxwWorksheetMaxNumberUrlsExceeded),
            (LXW_ERROR_IMAGE_DIMENSIONS, .lxwImageDimensions),
        ]
        return table.first { $0.0 == error }?.1 ?? .lxwUnknown
    }
}
