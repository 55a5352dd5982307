import CDistrictCurl
import CDistrictSQLite
import CDistrictXlsx
import Testing

/// Proves Tools/setup installed the three C libraries and their module maps link on this machine.
@Suite("System libraries")
struct SystemLibraryTests {
    @Test("libsqlite3 is 3.40 or newer and built with the session extension")
    func sqlite() {
        #expect(sqlite3_libversion_number() >= 3_040_000)
        #expect(sqlite3_compileoption_used("ENABLE_SESSION") == 1)
    }

    @Test("libxlsxwriter reports its version")
    func xlsxwriter() {
        let v = String(cString: lxw_version())
        #expect(v.hasPrefix("1."))
    }

    @Test("libcurl reports its version and supports HTTPS")
    func curl() {
        let v = String(cString: curl_version())
        #expect(v.hasPrefix("libcurl/"))
        #expect(v.contains("OpenSSL"))
    }
}
