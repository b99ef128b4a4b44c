import Testing
import TraceModel

@Suite("GTIN and lot validation")
struct IdentifierTests {
    @Test("valid GTINs from the GS1 examples", arguments: ["09521234543213", "09506000134352", "06901234567892", "00614141777778"])
    func validGTIN(_ text: String) throws {
        #expect(try GTIN(text).digits == text)
    }

    @Test("a wrong check digit names the right one")
    func wrongCheckDigit() {
        #expect(throws: IdentifierError.gtinCheckDigit("06920000000000", expected: 5)) { try GTIN("06920000000000") }
    }

    @Test("GTIN-13 and GTIN-8 are padded to 14 digits")
    func padding() throws {
        #expect(try GTIN("6901234567892").digits == "06901234567892")
        #expect(try GTIN("96385074").digits == "00000096385074")
    }

    @Test("non-digits and wrong lengths are rejected", arguments: ["0952123454321", "0952123454321X", "", "095212345432133"])
    func malformedGTIN(_ text: String) {
        #expect(throws: IdentifierError.self) { try GTIN(text) }
    }

    @Test("completing adds the check digit")
    func completing() throws {
        #expect(try GTIN.completing("0952123454321").digits == "09521234543213")
    }

    @Test("servable lots", arguments: ["24A0113", "ab-1_2.3", "X", "12345678901234567890"])
    func servableLot(_ text: String) throws {
        #expect(try Lot(text).text == text)
    }

    @Test(
        "lots that cannot be a folder name are rejected, never rewritten",
        arguments: ["../../etc", "a/b", "ab c", "%2E%2E", ".hidden", "..", "批次1", "123456789012345678901", "", "a?b", "a#b", "a\\b"])
    func unsafeLot(_ text: String) {
        #expect(throws: IdentifierError.self) { try Lot(text) }
    }

    @Test("a lot error says which character is the problem")
    func lotMessage() {
        #expect(throws: IdentifierError.lotCharacter("a/b", "/")) { try Lot("a/b") }
        #expect(IdentifierError.lotCharacter("a/b", "/").description.contains("'/'"))
    }

    @Test("the Digital Link is uncompressed, with no trailing slash")
    func digitalLink() throws {
        let link = DigitalLink(base: "https://trace.example.com///", gtin: try GTIN("09521234543213"), lot: try Lot("24A0113"))
        #expect(link.url == "https://trace.example.com/01/09521234543213/10/24A0113")
        #expect(link.path == "01/09521234543213/10/24A0113")
    }
}
