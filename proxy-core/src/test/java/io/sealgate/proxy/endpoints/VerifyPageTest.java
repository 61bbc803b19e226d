package io.sealgate.proxy.endpoints;

import static org.assertj.core.api.Assertions.assertThat;

import io.sealgate.proxy.SealgateServer;
import io.sealgate.proxy.testing.RawHttp;
import io.sealgate.proxy.testing.TestConfigs;
import java.net.InetSocketAddress;
import java.net.URI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code GET /.sealgate/verify}: the page and its assets, self-contained and locked down by their headers. */
class VerifyPageTest {

    private static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'";

    private static SealgateServer server;
    private static InetSocketAddress address;

    @BeforeAll
    static void start() throws Exception {
        server = SealgateServer.start(TestConfigs.passAllTo(URI.create("http://127.0.0.1:9")));
        address = server.boundAddresses().get(0);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void pageIsServedWithAContentSecurityPolicyThatForbidsInlineCode() throws Exception {
        RawHttp.Response page = get("/.sealgate/verify");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("content-type")).isEqualTo("text/html; charset=utf-8");
        assertThat(page.header("content-security-policy")).isEqualTo(CSP);
        assertThat(page.header("x-content-type-options")).isEqualTo("nosniff");
        assertThat(page.header("x-frame-options")).isEqualTo("DENY");
        assertThat(page.header("referrer-policy")).isEqualTo("no-referrer");
    }

    @Test
    void pageLoadsOnlyItsOwnAssetsAndHasNoInlineScriptOrHandlers() throws Exception {
        String html = get("/.sealgate/verify").bodyText();

        assertThat(html).contains("<script src=\"verify/verify.js\" defer></script>",
                "<link rel=\"stylesheet\" href=\"verify/verify.css\">");
        assertThat(html).doesNotContainPattern("(?i)<script(?![^>]*\\bsrc=)[^>]*>");
        assertThat(html).doesNotContainPattern("(?i)\\son[a-z]+\\s*=");
        assertThat(html).doesNotContainPattern("(?i)(src|href)=\"(https?:)?//");
        assertThat(html).doesNotContain("style=\"");
    }

    @Test
    void scriptAndStylesheetAreServedWithTheirTypes() throws Exception {
        RawHttp.Response js = get("/.sealgate/verify/verify.js");
        RawHttp.Response css = get("/.sealgate/verify/verify.css");

        assertThat(js.status()).isEqualTo(200);
        assertThat(js.header("content-type")).isEqualTo("text/javascript; charset=utf-8");
        assertThat(js.bodyText()).contains("fetch(window.location.pathname").doesNotContain("innerHTML");
        assertThat(css.status()).isEqualTo(200);
        assertThat(css.header("content-type")).isEqualTo("text/css; charset=utf-8");
        assertThat(css.bodyText()).doesNotContain("url(http", "@import");
    }

    @Test
    void headAnswersTheHeadersWithoutTheBody() throws Exception {
        try (RawHttp client = new RawHttp(address)) {
            RawHttp.Response head = client.send("HEAD /.sealgate/verify HTTP/1.1\r\nHost: x\r\n\r\n")
                    .readResponse(true);

            assertThat(head.status()).isEqualTo(200);
            assertThat(head.header("content-security-policy")).isEqualTo(CSP);
            assertThat(head.body()).isEmpty();
        }
    }

    @Test
    void unknownAssetIs404AndWritingToAnAssetIs405() throws Exception {
        RawHttp.Response missing = get("/.sealgate/verify/other.js");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.bodyText()).contains("\"message\":\"no Sealgate endpoint at /.sealgate/verify/other.js");

        try (RawHttp client = new RawHttp(address)) {
            RawHttp.Response post = client.send("POST /.sealgate/verify/verify.js HTTP/1.1\r\nHost: x\r\n"
                    + "Content-Length: 0\r\n\r\n").readResponse();
            assertThat(post.status()).isEqualTo(405);
            assertThat(post.header("allow")).isEqualTo("GET, HEAD");
        }
    }

    private static RawHttp.Response get(String path) throws Exception {
        try (RawHttp client = new RawHttp(address)) {
            return client.send("GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n").readResponse();
        }
    }
}
