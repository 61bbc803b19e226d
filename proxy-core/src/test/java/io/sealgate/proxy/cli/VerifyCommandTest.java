package io.sealgate.proxy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sealgate.config.Secret;
import io.sealgate.config.TokenConfig;
import io.sealgate.fixtures.documents.SampleDocuments;
import io.sealgate.fixtures.softhsm.SoftHsmToken;
import io.sealgate.policy.KeyUsageGuard;
import io.sealgate.signing.keys.Certificates;
import io.sealgate.signing.keys.DevCa;
import io.sealgate.signing.keys.KeyVault;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * {@code sealgate verify} end to end: a PDF signed by {@code sealgate sign} with a SoftHSM key certified by the dev
 * CA, verified offline against the dev CA's root.
 */
class VerifyCommandTest {

    @TempDir
    static Path dir;
    static SoftHsmToken hsm;
    static Path signed;
    static Path root;

    @BeforeAll
    static void signADocument() throws Exception {
        hsm = SoftHsmToken.create("verify-cli");
        Path config = dir.resolve("sealgate.yaml");
        Files.writeString(config, """
                listeners:
                  - host: 127.0.0.1
                    port: 8080
                upstreams:
                  saas:
                    url: http://127.0.0.1:9000
                routes:
                  - name: all
                    upstream: saas
                    action: pass
                token:
                  library: %s
                  label: %s
                  pin: "%s"
                """.formatted(SoftHsmToken.DEFAULT_LIBRARY, hsm.label(), SoftHsmToken.USER_PIN));
        assertThat(sealgate("keys", "init", "--config", config.toString(), "--org", "acme").exitCode()).isZero();
        assertThat(sealgate("keys", "enroll", "alice", "--subject", "UID=alice, CN=Alice, O=acme", "--config",
                config.toString()).exitCode()).isZero();
        Path order = SampleDocuments.PDFBOX_PURCHASE_ORDER.copyTo(dir);
        signed = dir.resolve("po-signed.pdf");
        Result sign = sealgate("sign", order.toString(), "--key", "alice", "--level", "B-LT", "--step", "create",
                "--out", signed.toString(), "--config", config.toString());
        assertThat(sign.exitCode()).as(sign.err()).isZero();
        try (KeyVault vault = KeyVault.open(new TokenConfig(hsm.library(), hsm.label(), new Secret(hsm.userPin())),
                KeyUsageGuard.ALLOW_ALL)) {
            root = Files.writeString(dir.resolve("root.pem"), Certificates.pem(DevCa.open(vault).root()));
        }
    }

    @AfterAll
    static void closeToken() {
        hsm.close();
    }

    @Test
    void signedDocumentIsValidAndTheReportNamesSignerTimeAndLevel() {
        Result r = sealgate("verify", signed.toString(), "--trust", root.toString(), "--offline");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("VALID: the signature is valid; the document carries no process manifest\n")
                .contains("Signature 1 (alice (acme)): VALID\n",
                        "  signer:       UID=alice,CN=Alice,O=acme\n",
                        "  organisation: acme\n",
                        "  step:         create\n",
                        "  level:        B-LT\n",
                        "  result:       valid\n",
                        "Process: none (the document carries no process manifest)\n");
        assertThat(r.out()).containsPattern("  time: +\\S+Z \\(trusted timestamp\\)\n");
    }

    @Test
    void jsonReportCarriesTheVerdictAndEverySignature() throws Exception {
        Result r = sealgate("verify", signed.toString(), "--trust", root.toString(), "--offline", "--json");

        JsonNode json = new ObjectMapper().readTree(r.out());
        assertThat(r.exitCode()).isZero();
        assertThat(json.get("verdict").asText()).isEqualTo("VALID");
        assertThat(json.get("signatures").get(0).get("signer").get("userId").asText()).isEqualTo("alice");
        assertThat(json.get("signatures").get(0).get("level").asText()).isEqualTo("LT");
    }

    @Test
    void changedDocumentExitsWithOne() throws Exception {
        byte[] data = Files.readAllBytes(signed);
        Path changed = dir.resolve("changed.pdf");
        data[20] = (byte) (data[20] ^ 1);
        Files.write(changed, data);

        Result r = sealgate("verify", changed.toString(), "--trust", root.toString(), "--offline");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).startsWith("INVALID: signature 1 (alice (acme)) is invalid: the signed data does not "
                + "match the message digest: the content was changed after signing\n");
    }

    @Test
    void withoutTrustedCertificatesNoSignatureIsTrusted() {
        Result r = sealgate("verify", signed.toString(), "--offline");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).contains("no trust anchor is configured");
    }

    @Test
    void receiptIsAOnePagePdfWithTheVerdictAndTheHash() throws Exception {
        Path receipt = dir.resolve("receipt.pdf");

        Result r = sealgate("verify", signed.toString(), "--trust", root.toString(), "--offline", "--receipt",
                receipt.toString());

        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).endsWith("receipt written to " + receipt + "\n");
        String text = run("pdftotext", "-layout", receipt.toString(), "-");
        String sha = r.out().replaceAll("(?s).*SHA-256 ([0-9a-f]{64}).*", "$1");
        assertThat(text).contains("Sealgate verification receipt", "VALID", sha, "signature 1 (alice (acme)): VALID");
        assertThat(run("pdfinfo", receipt.toString())).containsPattern("Pages: +1\n");
    }

    @Test
    void missingFileIsAUsageError() {
        Path missing = dir.resolve("missing.pdf");

        Result r = sealgate("verify", missing.toString());

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("sealgate: cannot read " + missing + ": no such file\n");
    }

    @Test
    void unreadableTrustFileIsAUsageError() {
        Path missing = dir.resolve("nope.pem");

        Result r = sealgate("verify", signed.toString(), "--trust", missing.toString());

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("sealgate: cannot read " + missing + ": no such file\n");
    }

    private record Result(int exitCode, String out, String err) {
    }

    private static Result sealgate(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true), new StopSignal());
        return new Result(code, out.toString(), err.toString());
    }

    private static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new String(out, java.nio.charset.StandardCharsets.UTF_8);
    }
}
