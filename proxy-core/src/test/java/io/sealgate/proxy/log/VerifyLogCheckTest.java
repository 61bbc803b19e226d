package io.sealgate.proxy.log;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sealgate.proxy.SealgateServer;
import io.sealgate.proxy.cli.Main;
import io.sealgate.proxy.cli.StopSignal;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sealgate verify FILE --log URL | --config FILE}: each signature's embedded log index is looked up in the
 * signature log, its inclusion proof verified against the signed tree head, and the entry's signature value hash
 * compared with the signature's (docs/verification.md).
 */
class VerifyLogCheckTest {

    /** DER of the OID {@code 2.25.312075316691338241827004091951541332836.4} (SealgateAttributes.LOG_ENTRY_INDEX). */
    private static final byte[] LOG_INDEX_OID = oid("2.25.312075316691338241827004091951541332836.4");

    @TempDir
    static Path dir;
    static LoggingProxySetup setup;
    static SealgateServer server;
    static Path config;
    static String logUrl;
    static Path first;
    static long firstIndex;
    static Path second;
    static long secondIndex;
    static URI base;

    @BeforeAll
    static void signTwoDocuments() throws Exception {
        setup = new LoggingProxySetup(dir);
        config = setup.writeConfig("verify", 0, LoggingProxySetup.fileLog(dir.resolve("log")), "B-LT");
        server = SealgateServer.start(LoggingProxySetup.load(config));
        base = URI.create("http://127.0.0.1:" + server.boundAddresses().get(0).getPort());
        logUrl = base + "/.sealgate/log/";
        HttpResponse<String> one = LoggingProxySetup.put(base, "first.pdf", LoggingProxySetup.pdf("first"));
        HttpResponse<String> two = LoggingProxySetup.put(base, "second.pdf", LoggingProxySetup.pdf("second"));
        assertThat(one.statusCode()).as(one.body()).isEqualTo(201);
        assertThat(two.statusCode()).as(two.body()).isEqualTo(201);
        firstIndex = LoggingProxySetup.logIndex(one);
        secondIndex = LoggingProxySetup.logIndex(two);
        first = setup.download("first.pdf", dir.resolve("first.pdf"));
        second = setup.download("second.pdf", dir.resolve("second.pdf"));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (setup != null) {
            setup.close();
        }
    }

    @Test
    void signatureWhoseIndexIsInTheLogIsReportedWithTheTreeHeadItWasVerifiedAgainst() throws Exception {
        Run run = verify(first.toString(), "--offline", "--trust", setup.root.toString(), "--log", logUrl);

        assertThat(run.exit).as(run.out + run.err).isZero();
        assertThat(run.out).startsWith("VALID: ")
                .containsPattern("\nSignature log: " + logUrl.replace(".", "\\.") + " \\(tree head size \\d+, ")
                .containsPattern("  Signature 1: in log #" + firstIndex + " \\(verified against tree head size \\d+\\)");
    }

    @Test
    void jsonReportCarriesTheLogFindingPerSignature() throws Exception {
        Run run = verify(first.toString(), "--offline", "--trust", setup.root.toString(), "--log", logUrl, "--json");

        assertThat(run.exit).as(run.out + run.err).isZero();
        JsonNode log = new ObjectMapper().readTree(run.out).get("log");
        assertThat(log.get("log").asText()).isEqualTo(logUrl);
        assertThat(log.get("checked").asBoolean()).isTrue();
        assertThat(log.get("reason").isNull()).isTrue();
        assertThat(log.get("treeSize").asLong()).isGreaterThan(firstIndex);
        JsonNode signature = log.get("signatures").get(0);
        assertThat(signature.get("number").asInt()).isEqualTo(1);
        assertThat(signature.get("logIndex").asLong()).isEqualTo(firstIndex);
        assertThat(signature.get("outcome").asText()).isEqualTo("IN_LOG");
        assertThat(log.get("signatures")).hasSize(1);
    }

    @Test
    void signatureClaimingTheEntryOfAnotherSignatureBySameKeyIsInvalid() throws Exception {
        // The index is an unsigned attribute: rewriting it leaves the signature itself valid, but the log disagrees.
        Path forged = claimIndex(first, firstIndex, secondIndex, dir.resolve("forged.pdf"));
        assertThat(verify(forged.toString(), "--offline", "--trust", setup.root.toString()).exit).isZero();

        Run run = verify(forged.toString(), "--offline", "--trust", setup.root.toString(), "--log", logUrl);

        assertThat(run.exit).as(run.out + run.err).isEqualTo(1);
        assertThat(run.out).startsWith("INVALID: the signature log contradicts signature 1; ")
                .contains("  Signature 1: not in log: entry #" + secondIndex
                        + " is another signature by the same certificate");
    }

    @Test
    void detachedCadesSignatureIsLookedUpToo() throws Exception {
        HttpResponse<String> put = LoggingProxySetup.put(base, "note.txt",
                "Purchase order 17: 3 chairs.\n".getBytes(StandardCharsets.UTF_8));
        assertThat(put.statusCode()).as(put.body()).isEqualTo(201);
        Path content = setup.download("note.txt", dir.resolve("note.txt"));
        Path p7s = setup.download("note.txt.p7s", dir.resolve("note.txt.p7s"));

        Run run = verify(p7s.toString(), "--content", content.toString(), "--offline", "--trust",
                setup.root.toString(), "--log", logUrl);

        assertThat(run.exit).as(run.out + run.err).isZero();
        assertThat(run.out).containsPattern("  Signature 1: in log #" + LoggingProxySetup.logIndex(put)
                + " \\(verified against tree head size \\d+\\)");
    }

    @Test
    void unreachableLogIsReportedAsNotCheckedAndLeavesTheVerdict() throws Exception {
        int port = LoggingProxySetup.freePort();

        Run run = verify(first.toString(), "--offline", "--trust", setup.root.toString(), "--log",
                "http://127.0.0.1:" + port + "/.sealgate/log/");

        assertThat(run.exit).as(run.out + run.err).isZero();
        assertThat(run.out).contains("\nSignature log: http://127.0.0.1:" + port + "/.sealgate/log/\n"
                + "  log not checked: cannot reach http://127.0.0.1:" + port + "/.sealgate/log/sth: ");
    }

    @Test
    void localLogOfAConfigIsCheckedToo() throws Exception {
        // The running proxy holds the file log's lock: check a copy, opened with the same token and log key.
        Path copy = Files.createDirectories(dir.resolve("log-copy"));
        try (Stream<Path> files = Files.list(dir.resolve("log"))) {
            for (Path f : files.toList()) {
                Files.copy(f, copy.resolve(f.getFileName()));
            }
        }
        Path copyConfig = setup.writeConfig("copy", 0, LoggingProxySetup.fileLog(copy));

        // In its own JVM, as a user runs it: closing a vault logs the whole process out of the token (PKCS#11 login
        // state is per process), which would break the running proxy's vault in this JVM.
        Run run = verifyInChildJvm(second.toString(), "--offline", "--trust", setup.root.toString(), "--config",
                copyConfig.toString());

        assertThat(run.exit).as(run.out + run.err).isZero();
        assertThat(run.out).contains("\nSignature log: the signature log of " + copyConfig + " (tree head size ")
                .containsPattern("  Signature 1: in log #" + secondIndex + " \\(verified against tree head size \\d+\\)");
    }

    @Test
    void logAndConfigTogetherAreAUsageError() throws Exception {
        Run run = verify(first.toString(), "--offline", "--log", logUrl, "--config", config.toString());

        assertThat(run.exit).isEqualTo(2);
        assertThat(run.err).contains("--log and --config: both given (expected: one log to check)");
    }

    private record Run(int exit, String out, String err) {
    }

    private static Run verify(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] all = Stream.concat(Stream.of("verify"), Stream.of(args)).toArray(String[]::new);
        int exit = Main.run(all, new PrintWriter(out, true), new PrintWriter(err, true), new StopSignal());
        return new Run(exit, out.toString(), err.toString());
    }

    private static Run verifyInChildJvm(String... args) throws Exception {
        Path javaBinary = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(javaBinary.toString(), "--add-opens",
                "jdk.crypto.cryptoki/sun.security.pkcs11.wrapper=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "verify"));
        command.addAll(List.of(args));
        Path err = Files.createTempFile(dir, "verify-", ".err");
        Process process = new ProcessBuilder(command).redirectError(err.toFile()).start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), out, Files.readString(err));
    }

    /**
     * Rewrites the log index attribute in the PDF's hex {@code /Contents}: {@code OID SET { INTEGER from }} becomes
     * {@code INTEGER to} (both below 128, so the lengths stay).
     */
    private static Path claimIndex(Path pdf, long from, long to, Path target) throws Exception {
        assertThat(List.of(from, to)).allMatch(i -> i < 128);
        String text = new String(Files.readAllBytes(pdf), StandardCharsets.ISO_8859_1);
        String attribute = HexFormat.of().formatHex(LOG_INDEX_OID) + "31030201";
        int at = text.toLowerCase(Locale.ROOT).indexOf(attribute);
        assertThat(at).as("log index attribute in %s", pdf).isPositive();
        int value = at + attribute.length();
        assertThat(Integer.parseInt(text.substring(value, value + 2), 16)).isEqualTo(from);
        String forged = text.substring(0, value) + String.format("%02X", to) + text.substring(value + 2);
        return Files.write(target, forged.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static byte[] oid(String dotted) {
        String[] arcs = dotted.split("\\.");
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        base128(BigInteger.valueOf(40L * Long.parseLong(arcs[0])).add(new BigInteger(arcs[1])), body);
        for (int i = 2; i < arcs.length; i++) {
            base128(new BigInteger(arcs[i]), body);
        }
        ByteArrayOutputStream der = new ByteArrayOutputStream();
        der.write(0x06);
        der.write(body.size());
        der.writeBytes(body.toByteArray());
        return der.toByteArray();
    }

    private static void base128(BigInteger value, ByteArrayOutputStream out) {
        int groups = Math.max(1, (value.bitLength() + 6) / 7);
        for (int g = groups - 1; g >= 0; g--) {
            int b = value.shiftRight(7 * g).intValue() & 0x7f;
            out.write(g == 0 ? b : b | 0x80);
        }
    }
}
