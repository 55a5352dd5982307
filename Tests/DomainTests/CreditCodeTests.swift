import Testing
import Domain

@Suite("统一社会信用代码")
struct CreditCodeTests {
    /// DOMAIN.md §3.1 worked example: 主体标识码 MA9G5XK1 → 0, Σ = 2251 → C.
    @Test func workedExampleParses() throws {
        let parsed = try CreditCode.parse("91410103MA9G5XK10C")
        let code = try #require(parsed.creditCode)
        #expect(code.rawValue == "91410103MA9G5XK10C")
        #expect(parsed.normalisations.isEmpty)
        #expect(!parsed.isLegacy)
        #expect(code.registrationDepartment == "9")
        #expect(code.institutionCategory == "1")
        #expect(code.areaCode == "410103")
        #expect(code.organisationCode == "MA9G5XK10")
        #expect(!code.isGovernmentBody)
    }

    @Test func checkCharactersOfTheWorkedExample() {
        #expect(CreditCode.organisationCheckCharacter(forBody: "MA9G5XK1") == "0")
        #expect(CreditCode.checkCharacter(forFirst17: "91410103MA9G5XK10") == "C")
        #expect(CreditCode.completing("91410103MA9G5XK1")?.rawValue == "91410103MA9G5XK10C")
    }

    @Test func checkCharacterRejectsInvalidInput() {
        #expect(CreditCode.checkCharacter(forFirst17: "91410103MA9G5XK1") == nil)  // 16 chars
        #expect(CreditCode.checkCharacter(forFirst17: "91410103MA9G5XKO0") == nil)  // letter O
        #expect(CreditCode.organisationCheckCharacter(forBody: "MA9G5X") == nil)
        #expect(CreditCode.completing("91410103MA9G5XK") == nil)
    }

    /// Public cross-check codes from validator test data (DOMAIN.md §3.1).
    @Test(arguments: [
        ("91350200776049653A", Character("A")),
        ("91440101MA5CJQ4N59", Character("9")),
        ("913502000728319549", Character("9")),
    ])
    func publicCrossChecks(code: String, check: Character) throws {
        #expect(CreditCode.checkCharacter(forFirst17: String(code.prefix(17))) == check)
        #expect(try CreditCode(validating: code).rawValue == code)
        #expect(CreditCode(rawValue: code) != nil)
    }

    /// Whitelisted by one public validator although its check fails (computed 9, printed B):
    /// DistrictSync reports it instead of silently accepting or correcting it.
    @Test func whitelistedButInvalidCodeIsRejected() {
        let error = #expect(throws: ValueError.self) { try CreditCode.parse("91350203M0001QAY9B") }
        #expect(error?.code == .creditCodeCheckDigit)
        #expect(error?.message.contains("应为“9”") == true)
    }

    @Test func wrongCheckCharacterNamesTheExpectedOne() {
        let error = #expect(throws: ValueError.self) { try CreditCode.parse("91410103MA9G5XK10D") }
        #expect(error?.code == .creditCodeCheckDigit)
        #expect(error?.code.rawValue == "credit_code.check_digit")
        #expect(error?.message.contains("应为“C”，实际为“D”") == true)
        #expect(error?.value == "91410103MA9G5XK10D")
    }

    @Test(arguments: [
        ("91410103MA9G5XK1OC", 17, "O"),
        ("9141O103MA9G5XK10C", 5, "O"),
        ("91410103MA9G5XKI0C", 16, "I"),
        ("S1410103MA9G5XK10C", 1, "S"),
        ("91410103MA9G5VK10C", 14, "V"),
        ("91410103MA9Z5XK10C", 12, "Z"),
    ])
    func forbiddenLettersAreRejectedWithTheirPosition(text: String, position: Int, letter: String) {
        let error = #expect(throws: ValueError.self) { try CreditCode.parse(text) }
        #expect(error?.code == .creditCodeCharacter)
        #expect(error?.message.hasPrefix("第\(position)位“\(letter)”") == true)
    }

    @Test func letterOInTheAreaSuggestsZero() {
        let error = #expect(throws: ValueError.self) { try CreditCode.parse("9141O103MA9G5XK10C") }
        #expect(error?.message.contains("可能应为数字0") == true)
    }

    @Test func lettersInTheAreaPartAreRejected() throws {
        // A letter valid in the alphabet but not in the 6-digit area part; check char made consistent.
        let first17 = "914101A3MA9G5XK10"
        let check = try #require(CreditCode.checkCharacter(forFirst17: first17))
        let error = #expect(throws: ValueError.self) { try CreditCode.parse(first17 + String(check)) }
        #expect(error?.code == .creditCodeAreaCode)
    }

    @Test func wrongEmbeddedOrganisationCheckIsRejected() throws {
        // Body MA9G5XK1 needs org check 0; use 1 and make pos 18 consistent so only pos 17 fails.
        let first17 = "91410103MA9G5XK11"
        let check = try #require(CreditCode.checkCharacter(forFirst17: first17))
        let error = #expect(throws: ValueError.self) { try CreditCode.parse(first17 + String(check)) }
        #expect(error?.code == .creditCodeOrganisationCheck)
        #expect(error?.message.contains("应为“0”，实际为“1”") == true)
    }

    @Test func lowerCaseIsNormalisedAndReported() throws {
        let parsed = try CreditCode.parse("91410103ma9g5xk10c")
        #expect(parsed.creditCode?.rawValue == "91410103MA9G5XK10C")
        #expect(parsed.normalisations == [.lowercase])
        #expect(parsed.wasNormalised)
    }

    @Test func fullWidthIsNormalisedAndReported() throws {
        let parsed = try CreditCode.parse("９１４１０１０３ＭＡ９Ｇ５ＸＫ１０Ｃ")
        #expect(parsed.creditCode?.rawValue == "91410103MA9G5XK10C")
        #expect(parsed.normalisations == [.fullWidth])
    }

    @Test func fullWidthLowerCaseAndInnerSpacesAreAllReported() throws {
        let parsed = try CreditCode.parse(" ９１４１０１０３ ｍａ９ｇ５ｘｋ１０ｃ\u{3000}")
        #expect(parsed.text == "91410103MA9G5XK10C")
        #expect(parsed.normalisations == [.fullWidth, .lowercase, .innerSpaces])
    }

    @Test func surroundingSpacesAreNotANormalisation() throws {
        let parsed = try CreditCode.parse("  91410103MA9G5XK10C\t")
        #expect(parsed.text == "91410103MA9G5XK10C")
        #expect(!parsed.wasNormalised)
    }

    @Test(arguments: ["9.14101E+17", "9.14101e17", "9.13502E+17", "９．１４１０１Ｅ＋１７"])
    func excelScientificNotationTellsStaffToUseText(text: String) {
        let error = #expect(throws: ValueError.self) { try CreditCode.parse(text) }
        #expect(error?.code == .creditCodeScientific)
        #expect(error?.message.contains("文本") == true)
    }

    /// `913502000728319549` typed into a numeric column comes back as `913502000728319000`.
    @Test func excelZeroedDigitsAreReportedAsScientific() {
        let error = #expect(throws: ValueError.self) { try CreditCode.parse("913502000728319000") }
        #expect(error?.code == .creditCodeScientific)
    }

    @Test(arguments: ["91410103MA9G5XK10", "91410103MA9G5XK10CC", "1234"])
    func wrongLengthIsRejected(text: String) {
        let error = #expect(throws: ValueError.self) { try CreditCode.parse(text) }
        #expect(error?.code == .creditCodeLength)
        #expect(error?.message.contains("实际为\(text.count)位") == true)
    }

    @Test func emptyIsRejected() {
        let error = #expect(throws: ValueError.self) { try CreditCode.parse(" \u{3000} ") }
        #expect(error?.code == .creditCodeEmpty)
    }

    @Test func chineseCharactersAreRejected() {
        let error = #expect(throws: ValueError.self) { try CreditCode.parse("91410103MA9G5XK10号") }
        #expect(error?.code == .creditCodeCharacter)
        #expect(error?.message.hasPrefix("第18位“号”") == true)
    }

    @Test func legacyRegistrationNumberIsRecognised() throws {
        let parsed = try CreditCode.parse("410103000012345")
        #expect(parsed.identifier == .legacyRegistrationNumber("410103000012345"))
        #expect(parsed.isLegacy)
        #expect(parsed.creditCode == nil)
        #expect(parsed.kindName == "15位工商注册号")
    }

    @Test(arguments: ["MA9G5XK1-0", "MA9G5XK10", "ma9g5xk1－0", "MA9G5XK1—0"])
    func legacyOrganisationCodeIsRecognisedAndCanonicalised(text: String) throws {
        let parsed = try CreditCode.parse(text)
        #expect(parsed.identifier == .legacyOrganisationCode("MA9G5XK1-0"))
        #expect(parsed.isLegacy)
    }

    @Test func legacyOrganisationCodeWithWrongCheckIsRejected() {
        let error = #expect(throws: ValueError.self) { try CreditCode.parse("77604965-4") }
        #expect(error?.code == .legacyOrganisationCheck)
        #expect(error?.message.contains("应为“3”") == true)
    }

    @Test func validatingInitialiserRejectsLegacyIdentifiers() {
        let error = #expect(throws: ValueError.self) { try CreditCode(validating: "77604965-3") }
        #expect(error?.code == .creditCodeLegacy)
        #expect(error?.message.contains("组织机构代码") == true)
        #expect(CreditCode("77604965-3") == nil)
        #expect(CreditCode("91410103ma9g5xk10c")?.rawValue == "91410103MA9G5XK10C")
    }

    @Test func rawValueInitialiserIsStrict() {
        #expect(CreditCode(rawValue: "91410103MA9G5XK10C") != nil)
        #expect(CreditCode(rawValue: "91410103ma9g5xk10c") == nil)
        #expect(CreditCode(rawValue: " 91410103MA9G5XK10C") == nil)
    }

    @Test func governmentBodiesAreRecognised() throws {
        let code = try #require(CreditCode.completing("11410103MA9G5XK1"))
        #expect(code.isGovernmentBody)
        #expect(code.rawValue.count == 18)
    }

    /// The byte-level check the importer uses per cell agrees with `init(rawValue:)` on valid codes and on
    /// every single-character change of them (wrong checks, lower case, letters in the area, bytes outside
    /// the alphabet) and on other lengths.
    @Test func canonicalCheckAgreesWithRawValue() throws {
        let codes = ["91410103MA9G5XK10C", try #require(CreditCode.completing("11410103MA9G5XK1")).rawValue,
                     try #require(CreditCode.completing("52410100X1234567")).rawValue]
        let replacements = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZa x-").map(String.init) + ["。", "Ａ"]
        var checked = 0
        for code in codes {
            #expect(CreditCode.isCanonical(code))
            let chars = Array(code)
            for i in chars.indices {
                for r in replacements {
                    var changed = chars.map(String.init)
                    changed[i] = r
                    let text = changed.joined()
                    #expect(CreditCode.isCanonical(text) == (CreditCode(rawValue: text) != nil), "\(text)")
                    checked += 1
                }
            }
            for text in [String(code.dropLast()), code + "0", "", " " + code] {
                #expect(!CreditCode.isCanonical(text) && CreditCode(rawValue: text) == nil)
            }
        }
        #expect(checked == 3 * 18 * replacements.count)
    }
}
