extension CreditCode {
    /// Reads what a clerk typed in a 统一社会信用代码 column.
    ///
    /// Accepts the 18-character code with full-width characters, lower case and inner spaces
    /// (reporting each normalisation), a legacy 15-digit 工商注册号 and a legacy 9-character
    /// 组织机构代码 (`XXXXXXXX-X`, with or without the hyphen). Rejects, with a Chinese message:
    /// Excel scientific notation (`9.14101E+17`) and 18-digit codes whose last digits Excel zeroed,
    /// wrong lengths, letters I O S V Z and other foreign characters, a non-numeric area part and
    /// wrong check characters (naming the expected one).
    ///
    /// - Throws: ``ValueError`` with a `credit_code.*` or `organisation_code.*` code.
    public static func parse(_ text: String) throws(ValueError) -> ParsedCreditCode {
        var normalisations: ParsedCreditCode.Normalisation = []
        let (folded, widthFolded) = TextFolding.foldWidth(text)
        if widthFolded { normalisations.insert(.fullWidth) }
        let (compact, spacesRemoved) = TextFolding.removingSpaces(folded)
        if spacesRemoved { normalisations.insert(.innerSpaces) }
        guard !compact.isEmpty else {
            throw ValueError(.creditCodeEmpty, "统一社会信用代码为空", value: text)
        }
        if compact.count != 18, TextFolding.isScientificNotation(compact) {  // an 18-character code may hold an E
            throw ValueError(.creditCodeScientific, scientificMessage, value: text)
        }
        var upper = ""
        for character in compact {
            let up = character.isASCII && character.isLowercase ? Character(character.uppercased()) : character
            if up != character { normalisations.insert(.lowercase) }
            upper.append(up)
        }
        if let legacy = try legacy(upper, original: text) {
            return ParsedCreditCode(identifier: legacy, normalisations: normalisations)
        }
        for (index, character) in upper.enumerated() where !character.isASCII {
            throw ValueError(.creditCodeCharacter, characterMessage(String(character), position: index + 1), value: text)
        }
        let bytes = Array(upper.utf8)
        do {
            try validate(bytes, original: text)
        } catch let error where error.code == .creditCodeCheckDigit && isZeroedByExcel(bytes) {
            throw ValueError(.creditCodeScientific, scientificMessage, value: text)
        }
        return ParsedCreditCode(identifier: .creditCode(CreditCode(unchecked: upper)), normalisations: normalisations)
    }

    static let scientificMessage =
        "统一社会信用代码被Excel当成数字显示（如9.14101E+17），末几位已丢失，无法还原。请把该列单元格格式设为“文本”后重新填写"

    /// An all-digit 18-character code ending in `000` whose check fails: Excel keeps 15 significant
    /// digits, so the last three were zeroed when the column was numeric.
    private static func isZeroedByExcel(_ bytes: [UInt8]) -> Bool {
        bytes.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) } && bytes.suffix(3) == Array("000".utf8)
    }

    /// A legacy identifier, nil when the text is not of a legacy shape, or an error for an
    /// organisation code with a wrong check character.
    private static func legacy(_ upper: String, original: String) throws(ValueError) -> ParsedCreditCode.Identifier? {
        let bytes = Array(upper.utf8)
        let isDigit: (UInt8) -> Bool = { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
        if bytes.count == 15, bytes.allSatisfy(isDigit) {
            return .legacyRegistrationNumber(upper)
        }
        var body: [UInt8]
        let check: UInt8
        let dashes: Set<String> = ["-", "\u{2014}", "\u{2013}", "\u{2012}"]
        let characters = Array(upper)
        if characters.count == 10, dashes.contains(String(characters[8])) {
            body = Array(String(characters[..<8]).utf8)
            guard let last = characters[9].asciiValue else { return nil }
            check = last
        } else if bytes.count == 9 {
            body = Array(bytes[..<8])
            check = bytes[8]
        } else {
            return nil
        }
        guard body.count == 8, body.allSatisfy({ organisationValue(of: $0) != nil }) else { return nil }
        guard let expected = organisationCheckByte(body) else { return nil }
        guard expected == check else {
            throw ValueError(
                .legacyOrganisationCheck,
                "组织机构代码校验位应为“\(text(expected))”，实际为“\(text(check))”，请核对代码是否抄错",
                value: original)
        }
        body.append(UInt8(ascii: "-"))
        body.append(check)
        return .legacyOrganisationCode(String(decoding: body, as: UTF8.self))
    }
}
