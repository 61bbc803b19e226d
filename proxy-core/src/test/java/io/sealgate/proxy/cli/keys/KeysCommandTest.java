package io.sealgate.proxy.cli.keys;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sealgate.fixtures.ocsp.OpensslOcspResponder;
import io.sealgate.fixtures.softhsm.SoftHsmToken;
import io.sealgate.proxy.cli.Main;
import io.sealgate.proxy.cli.StopSignal;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeysCommandTest {

    @TempDir
    Path dir;

    private SoftHsmToken hsm;
    private Path config;

    @BeforeEach
    void setUp() throws Exception {
        hsm = SoftHsmToken.create("cli");
        config = writeConfig(hsm.label());
    }

    @AfterEach
    void tearDown() {
        hsm.close();
    }

    @Test
    void initCreatesTheDevCaAndTheEmbeddedTsa() throws Exception {
        Result init = sealgate("keys", "init", "--config", config.toString(), "--org", "Acme");

        assertThat(init.exitCode).isZero();
        assertThat(init.out).contains("token '" + hsm.label() + "' ready")
                .contains("dev CA: CN=Sealgate Dev CA,O=Acme (key 'sealgate-dev-ca')");
        assertThat(statuses()).containsExactlyEntriesOf(new TreeMap<>(Map.of(
                "sealgate-dev-ca", "enabled", "sealgate-tsa", "enabled")));
    }

    @Test
    void enrolledUserIsCertifiedByTheDevCa() throws Exception {
        sealgate("keys", "init", "--config", config.toString(), "--org", "Acme");

        Result enroll = sealgate("keys", "enroll", "alice", "--subject", "CN=Alice, O=Acme", "--config",
                config.toString());

        assertThat(enroll.exitCode).isZero();
        assertThat(enroll.out).startsWith("enrolled 'alice' (EC-P256): CN=Alice,O=Acme, issued by "
                + "CN=Sealgate Dev CA,O=Acme, valid until ");
        assertThat(statuses()).containsEntry("alice", "enabled");
    }

    @Test
    void externalCaCertificateCompletesACsrEnrolment() throws Exception {
        Path csr = dir.resolve("seal.csr");
        sealgate("keys", "enroll", "acme-seal", "--seal", "--subject", "CN=Acme e-seal, O=Acme", "--csr",
                csr.toString(), "--config", config.toString());
        assertThat(statuses()).containsEntry("acme-seal", "pending");

        Path chain = dir.resolve("chain.pem");
        try (OpensslOcspResponder ca = OpensslOcspResponder.start(dir.resolve("external-ca"))) {
            Files.writeString(chain, ca.issue(Files.readString(csr), OpensslOcspResponder.Evidence.OCSP_AND_CRL)
                    + Files.readString(ca.caCertificate()));
        }
        Result imported = sealgate("keys", "import-cert", "acme-seal", chain.toString(), "--config",
                config.toString());

        assertThat(imported.exitCode).isZero();
        assertThat(imported.out).startsWith("imported certificate for 'acme-seal': CN=Acme e-seal,O=Acme, issued by "
                + "CN=OpenSSL Test CA, valid until ");
        assertThat(statuses()).containsEntry("acme-seal", "enabled");
    }

    @Test
    void signedTextFileIsADetachedSignatureOpensslVerifies() throws Exception {
        sealgate("keys", "init", "--config", config.toString(), "--org", "Acme");
        sealgate("keys", "enroll", "alice", "--subject", "CN=Alice, O=Acme", "--config", config.toString());
        Path order = dir.resolve("po-17.csv");
        Files.writeString(order, "item,qty\nbolts,100\n");

        Result sign = sealgate("sign", order.toString(), "--key", "alice", "--level", "B-LT", "--config",
                config.toString());

        Path p7s = dir.resolve("po-17.csv.p7s");
        assertThat(sign.exitCode).isZero();
        assertThat(sign.out).isEqualTo("signed " + order + " as CAdES B-LT with 'alice': " + p7s + "\n");
        Path root = dir.resolve("root.pem");
        Files.writeString(root, rootPem());
        assertThat(run("openssl", "cms", "-verify", "-binary", "-inform", "DER", "-in", p7s.toString(), "-content",
                order.toString(), "-CAfile", root.toString(), "-out", "/dev/null"))
                .contains("CMS Verification successful");
    }

    @Test
    void disabledKeyIsRevokedAndRefusesToSign() throws Exception {
        sealgate("keys", "init", "--config", config.toString(), "--org", "Acme");
        sealgate("keys", "enroll", "alice", "--subject", "CN=Alice", "--config", config.toString());
        Path order = dir.resolve("po-17.csv");
        Files.writeString(order, "item,qty\n");

        Result disable = sealgate("keys", "disable", "alice", "--config", config.toString());
        Result sign = sealgate("sign", order.toString(), "--key", "alice", "--config", config.toString());

        assertThat(disable.out).startsWith("disabled 'alice'\nrevoked its certificate (serial ");
        assertThat(statuses()).containsEntry("alice", "disabled");
        assertThat(sign.exitCode).isEqualTo(1);
        assertThat(sign.err).isEqualTo("sealgate: cannot sign po-17.csv for alice: key 'alice' is disabled\n");
    }

    @Test
    void unknownLevelIsAUsageError() throws Exception {
        Path order = dir.resolve("po-17.csv");
        Files.writeString(order, "item,qty\n");

        Result sign = sealgate("sign", order.toString(), "--key", "alice", "--level", "B-X", "--config",
                config.toString());

        assertThat(sign.exitCode).isEqualTo(2);
        assertThat(sign.err).isEqualTo("sealgate: signature level: B-X (expected: B-B, B-T, B-LT, B-LTA)\n");
    }

    @Test
    void initWithSofthsmCreatesAMissingToken() throws Exception {
        String label = "cli-new-" + UUID.randomUUID().toString().substring(0, 8);
        Path fresh = writeConfig(label);

        Result init = sealgate("keys", "init", "--softhsm", "--no-dev-ca", "--config", fresh.toString());

        assertThat(init.exitCode).isZero();
        assertThat(init.out).isEqualTo("created SoftHSM token '" + label + "'\ntoken '" + label + "' ready\n");
    }

    /** label -> status, from {@code keys list --json}. */
    private Map<String, String> statuses() throws Exception {
        Result list = sealgate("keys", "list", "--json", "--config", config.toString());
        assertThat(list.exitCode).isZero();
        Map<String, String> out = new TreeMap<>();
        for (JsonNode key : new ObjectMapper().readTree(list.out)) {
            out.put(key.get("label").asText(), key.get("status").asText());
        }
        return out;
    }

    private String rootPem() throws Exception {
        try (var vault = io.sealgate.signing.keys.KeyVault.open(new io.sealgate.config.TokenConfig(hsm.library(),
                hsm.label(), new io.sealgate.config.Secret(hsm.userPin())), io.sealgate.policy.KeyUsageGuard.ALLOW_ALL)) {
            return io.sealgate.signing.keys.Certificates.pem(io.sealgate.signing.keys.DevCa.open(vault).root());
        }
    }

    private Path writeConfig(String label) throws Exception {
        Path file = dir.resolve(label + ".yaml");
        Files.writeString(file, """
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
                """.formatted(SoftHsmToken.DEFAULT_LIBRARY, label, SoftHsmToken.USER_PIN));
        return file;
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
        List<String> list = new ArrayList<>(List.of(command));
        Process p = new ProcessBuilder(list).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(60, TimeUnit.SECONDS);
        return out;
    }
}
