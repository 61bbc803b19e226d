package io.sealgate.proxy.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.sealgate.fixtures.documents.SampleDocuments;
import io.sealgate.proxy.actions.Http;
import io.sealgate.proxy.actions.SigningProxy;
import io.sealgate.proxy.actions.Tools;
import io.sealgate.signing.verify.Verdict;
import io.sealgate.signing.verify.VerificationReport;

import java.io.File;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A person uses the fixture SaaS's own web page through Sealgate in headless Chromium (Debian's {@code chromium} and
 * {@code chromedriver}): alice uploads a PDF with the page's form, bob clicks Approve, and the SaaS ends up holding
 * the document signed by both and sealed, while the page itself is exactly what the SaaS serves. The user's bearer
 * token is set with the DevTools command {@code Network.setExtraHTTPHeaders} (the static bearer identity; a browser
 * login is covered by the authentication tests). Screenshots go to {@code target/screenshots/}. Skipped when
 * Chromium is not installed.
 */
class BrowserUploadTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    static Path dir;
    private static SigningProxy proxy;
    private static ChromeDriver browser;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "needs Debian's chromium and chromium-driver packages (/usr/bin/chromium, /usr/bin/chromedriver)");
        proxy = new SigningProxy(dir.resolve("proxy"));
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + Files.createDirectories(dir.resolve("profile")), "--window-size=1000,700");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.executeCdpCommand("Network.enable", Map.of());
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (proxy != null) {
            proxy.close();
        }
    }

    @Test
    void aPdfUploadedWithTheSaasFormAndApprovedInTheBrowserIsStoredSignedAndSealed() throws Exception {
        Path pdf = Files.copy(SampleDocuments.PDFBOX_PURCHASE_ORDER.copyTo(dir), dir.resolve("po-browser.pdf"));

        actAs(SigningProxy.ALICE);
        browser.get(proxy.base.toString());
        browser.findElement(By.name("file")).sendKeys(pdf.toString());
        browser.findElement(By.cssSelector("form[action='/upload'] button")).click();
        await("the uploaded file listed", () -> !browser.findElements(By.linkText("po-browser.pdf")).isEmpty());
        screenshot("browser-uploaded.png");

        actAs(SigningProxy.BOB);
        browser.findElement(By.cssSelector("form[action='/files/po-browser.pdf/approve'] button")).click();
        await("the file shown approved", () -> browser.getPageSource().contains("approved by"));
        screenshot("browser-approved.png");

        Path stored = proxy.stored("po-browser.pdf");
        String pdfsig = Tools.pdfsig(stored);
        assertThat(pdfsig).contains("Signature #3", "Signer Certificate Common Name: alice",
                "Signer Certificate Common Name: bob").doesNotContain("Signature #4");
        assertThat(pdfsig.split("Signature Validation: Signature is Valid\\.", -1)).hasSize(4);
        VerificationReport report = proxy.service.verify(stored, Optional.empty());
        assertThat(report.verdict()).as(report.summary()).isEqualTo(Verdict.VALID);
        assertThat(report.process().stepsDone()).containsExactly("create: alice (Acme Corp)",
                "approve: bob (Acme Corp)", "org-seal: the organisation seal of Acme Corp");
    }

    @Test
    void theSaasPageIsByteIdenticalThroughSealgate() throws Exception {
        HttpResponse<byte[]> direct = get(proxy.saas.baseUri(), null);
        HttpResponse<byte[]> proxied = get(proxy.base, SigningProxy.ALICE);

        assertThat(proxied.statusCode()).isEqualTo(direct.statusCode()).isEqualTo(200);
        assertThat(proxied.headers().firstValue("Content-Type")).isEqualTo(direct.headers().firstValue("Content-Type"));
        assertThat(new String(proxied.body(), java.nio.charset.StandardCharsets.UTF_8)).contains("<h2>Upload</h2>");
        assertThat(proxied.body()).isEqualTo(direct.body());

        // and the browser builds the same document from both
        actAs(SigningProxy.ALICE);
        browser.get(proxy.base.toString());
        String throughSealgate = browser.getPageSource();
        browser.get(proxy.saas.baseUri().toString());
        assertThat(browser.getPageSource()).isEqualTo(throughSealgate);
    }

    /** Every request the browser sends from now on carries this user's bearer token. */
    private static void actAs(String token) {
        browser.executeCdpCommand("Network.setExtraHTTPHeaders",
                Map.of("headers", Map.of("Authorization", "Bearer " + token)));
    }

    private static HttpResponse<byte[]> get(URI uri, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET().timeout(WAIT);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return java.net.http.HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static void await(String what, Supplier<Boolean> condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(WAIT);
        while (!condition.get()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("the page did not show " + what + " within " + WAIT.toSeconds() + " s:\n"
                        + browser.getPageSource());
            }
            Thread.sleep(100);
        }
    }

    private static void screenshot(String name) throws Exception {
        Path shots = Files.createDirectories(Path.of("target", "screenshots"));
        File shot = browser.getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), shots.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }
}
