package io.sealgate.proxy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sealgate.proxy.endpoints.SignedDocuments;
import io.sealgate.signing.log.FileLogStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sealgate log verify} and {@code sealgate log proof} against the signature log of {@link SignedDocuments}
 * (four signatures: alice, bob, the seal, alice), and against a copy of it with one entry changed on disk.
 */
class LogCommandTest {

    @TempDir
    static Path dir;
    private static SignedDocuments docs;

    @BeforeAll
    static void sign() throws Exception {
        docs = SignedDocuments.get();
    }

    @Test
    void intactLogVerifiesAndExitsZero() {
        Result r = sealgate("log", "verify", "--config", docs.config.toString());

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).matches("the signature log verifies: 4 entries, \\d+ signed tree heads\n");
    }

    @Test
    void changedEntryFailsVerificationNamingTheEntry() throws Exception {
        Path log = Files.createDirectories(dir.resolve("changed-log"));
        byte[] data = Files.readAllBytes(docs.dir.resolve("log").resolve(FileLogStore.FILE_NAME));
        int bob = indexOf(data, "\"bob\"".getBytes(StandardCharsets.US_ASCII));
        data[bob + 1] = 'm'; // "mob": entry 1 now names another signer
        Files.write(log.resolve(FileLogStore.FILE_NAME), data);

        Result r = sealgate("log", "verify", "--config", docs.configWithLog(log).toString());

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).matches("sealgate: signature log \\S+/changed-log/signature-log.dat does not verify: "
                + "entry 1 at byte offset \\d+ fails its checksum\n");
    }

    @Test
    void proofOfAnEntryIsPrintedAndVerified() {
        Result r = sealgate("log", "proof", "1", "--config", docs.config.toString());

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("entry:      1\n").contains("tree head:  size 4, ", "audit path: 2 hashes\n")
                .endsWith("verified: entry 1 is in the signed tree of size 4\n");
    }

    @Test
    void proofAsJsonCarriesThePathAndTheOutcome() throws Exception {
        Result r = sealgate("log", "proof", "2", "--json", "--config", docs.config.toString());

        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertThat(json.get("leaf_index").asLong()).isEqualTo(2);
        assertThat(json.get("tree_size").asLong()).isEqualTo(4);
        assertThat(json.get("audit_path")).hasSize(2);
        assertThat(json.get("verified").asBoolean()).isTrue();
    }

    @Test
    void entryBeyondTheLogIsAUsageError() {
        Result r = sealgate("log", "proof", "7", "--config", docs.config.toString());

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("sealgate: ID: 7 (expected: 0-3)\n");
    }

    @Test
    void configWithoutTokenIsAUsageError() throws Exception {
        Path config = Files.writeString(dir.resolve("bare.yaml"), """
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
                """);

        Result r = sealgate("log", "verify", "--config", config.toString());

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("sealgate: " + config + " configures no signature log (expected: a token: "
                + "section, whose token holds the log key, and a log: section)\n");
    }

    @Test
    void logAloneIsAUsageError() {
        Result r = sealgate("log");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).startsWith("sealgate: missing command (expected: verify or proof)");
    }

    private record Result(int exitCode, String out, String err) {}

    private static Result sealgate(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true), new StopSignal());
        return new Result(code, out.toString(), err.toString());
    }

    private static int indexOf(byte[] data, byte[] what) {
        outer:
        for (int i = 0; i <= data.length - what.length; i++) {
            for (int j = 0; j < what.length; j++) {
                if (data[i + j] != what[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }
}
