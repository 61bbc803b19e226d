package io.sealgate.proxy.endpoints;

import static org.assertj.core.api.Assertions.assertThat;

import io.sealgate.proxy.SealgateServer;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The verify page in headless Chromium (Debian's {@code chromium} and {@code chromedriver}): a person picks a
 * document and sees the verdict banner, one timeline card per signature with its mark, the process and the changes.
 * Screenshots go to {@code target/screenshots/}. Skipped when Chromium is not installed.
 */
class VerifyPageBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    static Path profile;

    private static SignedDocuments docs;
    private static SealgateServer server;
    private static WebDriver browser;
    private static String pageUrl;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "needs Debian's chromium and chromium-driver packages (/usr/bin/chromium, /usr/bin/chromedriver)");
        docs = SignedDocuments.get();
        server = SealgateServer.start(docs.loaded);
        pageUrl = "http://127.0.0.1:" + server.boundAddresses().get(0).getPort() + "/.sealgate/verify";
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--window-size=1100,1900");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void completeDocumentShowsValidBannerAndOneValidCardPerSignature() throws Exception {
        verify(docs.approved, "VALID");

        assertThat(text("#banner")).startsWith("VALID");
        assertThat(browser.findElement(By.id("banner")).getAttribute("class")).isEqualTo("banner valid");
        List<WebElement> cards = cards();
        assertThat(cards).hasSize(3);
        assertThat(cards).extracting(c -> c.getAttribute("data-mark")).containsExactly("valid", "valid", "valid");
        assertThat(cards.get(0).getText()).contains("1. alice\nVALID\n", "step: create", "role: requester",
                "organisation: acme", "(trusted timestamp)");
        assertThat(cards.get(1).getText()).contains("2. bob", "step: approve", "role: manager");
        assertThat(cards.get(2).getText()).contains("3. Organisation seal of acme", "step: org-seal");
        assertThat(texts("#steps li")).containsExactly("✓ create: alice (acme)", "✓ approve: bob (acme)",
                "✓ org-seal: the organisation seal of acme");
        assertThat(text("#document")).contains("po-17.pdf");
        screenshot("verify-valid.png");
    }

    @Test
    void tamperedDocumentShowsInvalidBannerAndInvalidMarks() throws Exception {
        verify(docs.tampered, "INVALID");

        assertThat(browser.findElement(By.id("banner")).getAttribute("class")).isEqualTo("banner invalid");
        List<WebElement> cards = cards();
        assertThat(cards).hasSize(3);
        assertThat(cards.get(0).getAttribute("data-mark")).isEqualTo("invalid");
        assertThat(cards.get(0).getText()).contains("1. alice\nINVALID\n", "the signed data does not match the "
                + "message digest: the content was changed after signing");
        screenshot("verify-tampered.png");
    }

    @Test
    void documentChangedAfterItsSignaturesShowsChangedMarksAndTheChangeInWords() throws Exception {
        verify(docs.appended, "INVALID");

        assertThat(cards()).extracting(c -> c.getAttribute("data-mark")).containsOnly("changed");
        assertThat(cards().get(0).getText()).contains("1. alice\nCHANGED\n");
        assertThat(texts("#modifications li.not-allowed")).isNotEmpty();
        screenshot("verify-changed.png");
    }

    @Test
    void documentWithPendingStepsShowsIncompleteAndThePendingSteps() throws Exception {
        verify(docs.created, "INCOMPLETE");

        assertThat(cards()).hasSize(1);
        assertThat(texts("#steps li")).containsExactly("✓ create: alice (acme)", "pending: approve",
                "pending: org-seal");
        assertThat(text("#process")).contains("followed so far, steps pending");
        screenshot("verify-incomplete.png");
    }

    @Test
    void droppedDocumentIsVerifiedLikeAPickedOne() throws Exception {
        browser.get(pageUrl);
        String base64 = java.util.Base64.getEncoder().encodeToString(Files.readAllBytes(docs.approved));
        // What a drag from the desktop delivers: a drop event whose DataTransfer holds the file.
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("""
                const bytes = Uint8Array.from(atob(arguments[0]), c => c.charCodeAt(0));
                const data = new DataTransfer();
                data.items.add(new File([bytes], 'dropped.pdf', {type: 'application/pdf'}));
                const drop = document.getElementById('drop');
                drop.dispatchEvent(new DragEvent('dragover', {dataTransfer: data, bubbles: true, cancelable: true}));
                drop.dispatchEvent(new DragEvent('drop', {dataTransfer: data, bubbles: true, cancelable: true}));
                """, base64);
        awaitResult();

        assertThat(text("#verdict")).isEqualTo("VALID");
        assertThat(text("#document")).contains("dropped.pdf");
        assertThat(cards()).hasSize(3);
        assertThat(browser.findElement(By.id("drop")).getAttribute("class")).isEqualTo("drop");
    }

    /** Loads the page fresh, picks {@code file} in the file input and waits for the banner to say {@code verdict}. */
    private static void verify(Path file, String verdict) throws Exception {
        browser.get(pageUrl);
        assertThat(browser.getTitle()).isEqualTo("Verify a document · Sealgate");
        browser.findElement(By.id("file")).sendKeys(file.toAbsolutePath().toString());
        awaitResult();
        assertThat(text("#verdict")).isEqualTo(verdict);
    }

    /** Waits for the report (or an error line) and asserts there was no error. */
    private static void awaitResult() throws InterruptedException {
        await(() -> !browser.findElements(By.cssSelector("#result:not([hidden]) #verdict")).isEmpty()
                && !text("#verdict").isEmpty() || text("#status").startsWith("Cannot"));
        assertThat(text("#status")).isEmpty();
    }

    private static List<WebElement> cards() {
        return browser.findElements(By.cssSelector("#timeline li.card"));
    }

    private static String text(String css) {
        return browser.findElement(By.cssSelector(css)).getText();
    }

    private static List<String> texts(String css) {
        return browser.findElements(By.cssSelector(css)).stream().map(WebElement::getText).toList();
    }

    private static void screenshot(String name) throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "screenshots"));
        File shot = ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), dir.resolve(name), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /** Polls until {@code condition} holds; fails after {@link #WAIT} (a hang, not a slow page, would get there). */
    private static void await(BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(WAIT);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("the page did not show a result within " + WAIT.toSeconds() + " s");
            }
            Thread.sleep(100);
        }
    }
}
