extension CreditCode {
    /// The 31 characters a credit code uses: `0-9 A-H J-N P-R T U W X Y` (no I, O, S, V, Z).
    public static let alphabet: [Character] = Array("0123456789ABCDEFGHJKLMNPQRTUWXY")

    /// GB 32100 weights 3^(i−1) mod 31 for positions 1–17.
    static let weights: [Int] = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
    /// GB 11714 weights for the 8 body characters of an organisation code.
    static let organisationWeights: [Int] = [3, 7, 9, 10, 5, 8, 4, 2]

    private static let alphabetBytes: [UInt8] = Array("0123456789ABCDEFGHJKLMNPQRTUWXY".utf8)

    /// The value (0–30) of an upper-case ASCII byte in the credit-code alphabet.
    static func value(of byte: UInt8) -> Int? { alphabetBytes.firstIndex(of: byte) }

    /// The GB 11714 value of an organisation-code character: 0–9, then A=10 … Z=35.
    static func organisationValue(of byte: UInt8) -> Int? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): Int(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): Int(byte - UInt8(ascii: "A")) + 10
        default: nil
        }
    }

    /// The GB 32100 check character (position 18) for the first 17 characters of a code, or nil
    /// when `first17` is not 17 upper-case characters of ``alphabet``. Fixture generators use this
    /// to build valid synthetic codes.
    ///
    ///     CreditCode.checkCharacter(forFirst17: "91410103MA9G5XK10") // "C"
    public static func checkCharacter(forFirst17 first17: String) -> Character? {
        checkByte(Array(first17.utf8)).map { Character(Unicode.Scalar($0)) }
    }

    /// The GB 11714 check character for the 8 body characters of an organisation code (0–9 A–Z),
    /// or nil for anything else: `11 − (Σ mod 11)`, where 10 is `X` and 11 is `0`.
    ///
    ///     CreditCode.organisationCheckCharacter(forBody: "MA9G5XK1") // "0"
    public static func organisationCheckCharacter(forBody body: String) -> Character? {
        organisationCheckByte(Array(body.utf8)).map { Character(Unicode.Scalar($0)) }
    }

    /// A complete code from the first 16 characters (department, category, area, organisation
    /// body), computing both check characters. For fixture generators; nil on invalid input.
    ///
    ///     CreditCode.completing("91410103MA9G5XK1") // 91410103MA9G5XK10C
    public static func completing(_ first16: String) -> CreditCode? {
        var bytes = Array(first16.utf8)
        guard bytes.count == 16, let org = organisationCheckByte(Array(bytes[8...])) else { return nil }
        bytes.append(org)
        guard let check = checkByte(bytes) else { return nil }
        bytes.append(check)
        return CreditCode(rawValue: String(decoding: bytes, as: UTF8.self))
    }

    static func checkByte(_ first17: [UInt8]) -> UInt8? {
        guard first17.count == 17 else { return nil }
        var sum = 0
        for (byte, weight) in zip(first17, weights) {
            guard let value = value(of: byte) else { return nil }
            sum += value * weight
        }
        let check = (31 - sum % 31) % 31
        return alphabetBytes[check]
    }

    static func organisationCheckByte(_ body: [UInt8]) -> UInt8? {
        guard body.count == 8 else { return nil }
        var sum = 0
        for (byte, weight) in zip(body, organisationWeights) {
            guard let value = organisationValue(of: byte) else { return nil }
            sum += value * weight
        }
        switch 11 - sum % 11 {
        case 10: return UInt8(ascii: "X")
        case 11: return UInt8(ascii: "0")
        case let digit: return UInt8(ascii: "0") + UInt8(digit)
        }
    }

    /// Checks 18 canonical bytes; `original` is what the clerk typed (for the error).
    static func validate(_ bytes: [UInt8], original: String) throws(ValueError) {
        guard bytes.count == 18 else {
            throw ValueError(.creditCodeLength, "统一社会信用代码应为18位，实际为\(bytes.count)位", value: original)
        }
        for (index, byte) in bytes.enumerated() where value(of: byte) == nil {
            throw ValueError(.creditCodeCharacter, characterMessage(text(byte), position: index + 1), value: original)
        }
        for index in 2..<8 where !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) {
            throw ValueError(
                .creditCodeAreaCode,
                "第3至8位是登记机关行政区划码，应全部为数字，第\(index + 1)位“\(text(bytes[index]))”不是数字",
                value: original)
        }
        if let expected = checkByte(Array(bytes[..<17])), expected != bytes[17] {
            throw ValueError(
                .creditCodeCheckDigit,
                "校验位（第18位）应为“\(text(expected))”，实际为“\(text(bytes[17]))”，请核对代码是否抄错；不要自行改动校验位",
                value: original)
        }
        if let expected = organisationCheckByte(Array(bytes[8..<16])), expected != bytes[16] {
            throw ValueError(
                .creditCodeOrganisationCheck,
                "第9至17位组织机构代码的校验位（第17位）应为“\(text(expected))”，实际为“\(text(bytes[16]))”，请核对代码是否抄错",
                value: original)
        }
    }

    static func text(_ byte: UInt8) -> String { String(decoding: [byte], as: UTF8.self) }

    /// The clerk-facing message for a character outside the alphabet at a 1-based position.
    static func characterMessage(_ character: String, position: Int) -> String {
        let hint: String =
            switch character {
            case "O": "，可能应为数字0"
            case "I": "，可能应为数字1"
            case "Z": "，可能应为数字2"
            case "S": "，可能应为数字5"
            case "V": "，可能应为字母U"
            default: ""
            }
        return "第\(position)位“\(character)”不是统一社会信用代码使用的字符（代码只含数字和大写字母，不用I、O、S、V、Z）\(hint)"
    }
}
