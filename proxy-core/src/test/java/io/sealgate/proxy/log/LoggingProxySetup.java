package io.sealgate.proxy.log;

import io.sealgate.config.ConfigLoader;
import io.sealgate.config.SealgateConfig;
import io.sealgate.config.Secret;
import io.sealgate.config.TokenConfig;
import io.sealgate.fixtures.documents.SampleDocuments;
import io.sealgate.fixtures.saas.FixtureSaas;
import io.sealgate.fixtures.softhsm.SoftHsmToken;
import io.sealgate.policy.KeyUsageGuard;
import io.sealgate.policy.ProcessTemplates;
import io.sealgate.signing.keys.Certificates;
import io.sealgate.signing.keys.KeyVault;
import io.sealgate.signing.service.SealgateToken;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A SoftHSM token initialised for Acme Corp (dev CA, TSA, log and seal keys, user alice), the fixture SaaS, and
 * configs for proxies with one sign-upload route {@code PUT /files/{name}} to the SaaS and the log section the test
 * asks for. The proxies themselves are the tests' business (in-process or in a child JVM).
 */
final class LoggingProxySetup implements AutoCloseable {

    static final String ALICE = "alice-token-0123456789";
    static final Pattern LOG_INDEX = Pattern.compile("log=(\\d+)");
    /** DER of the OID 2.25.312075316691338241827004091951541332836.4 (SealgateAttributes.LOG_ENTRY_INDEX), hex. */
    private static final String LOG_INDEX_ATTRIBUTE = "06156983d5c7c2c3a4ffea9399abe9d0bf9da5ecd66404";
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    final SoftHsmToken hsm;
    final TokenConfig token;
    final FixtureSaas saas;
    /** The dev CA's root, PEM, in the test directory: {@code --trust} it. */
    final Path root;
    private final Path dir;

    LoggingProxySetup(Path dir) throws Exception {
        this.dir = dir;
        hsm = SoftHsmToken.create("log");
        token = new TokenConfig(hsm.library(), hsm.label(), new Secret(hsm.userPin()));
        try (KeyVault vault = KeyVault.open(token, KeyUsageGuard.ALLOW_ALL)) {
            SealgateToken sealgate = SealgateToken.initialize(vault, "Acme Corp", "sealgate-seal");
            sealgate.enrolUser("alice", "alice", Set.of("requester"));
            root = Files.writeString(dir.resolve("root.pem"), Certificates.pem(sealgate.devCa().root()));
        }
        saas = FixtureSaas.start(dir.resolve("saas"), new InetSocketAddress("127.0.0.1", 0));
    }

    /** Writes {@code <name>.yaml} listening on {@code port} (0: any) with {@code logSection} and loads it. */
    Path writeConfig(String name, int port, String logSection) throws IOException {
        return writeConfig(name, port, logSection, "B-T");
    }

    /** As above, signing at {@code level} (B-LT documents carry what an offline verifier needs). */
    Path writeConfig(String name, int port, String logSection, String level) throws IOException {
        return writeConfig(name, port, logSection, level, dir.resolve("spool"));
    }

    /** As above, with its own spool directory (each running instance needs one). */
    Path writeConfig(String name, int port, String logSection, String level, Path spool) throws IOException {
        String upstream = saas.baseUri().toString().replaceAll("/$", "");
        Path file = dir.resolve(name + ".yaml");
        Files.writeString(file, """
                listeners:
                  - host: 127.0.0.1
                    port: %d
                upstreams:
                  saas:
                    url: %s
                token:
                  library: %s
                  label: %s
                  pin: "%s"
                organisation:
                  name: Acme Corp
                  seal-key: sealgate-seal
                signing:
                  level: %s
                  threads: 2
                  queue: 64
                  deadline: 120s
                  spool-dir: %s
                %s
                users:
                  alice: {token: %s, roles: [requester]}
                routes:
                  - name: upload
                    match: {methods: [PUT], path: "/files/{name}"}
                    upstream: saas
                    action: sign-upload
                  - name: rest
                    upstream: saas
                    action: pass
                """.formatted(port, upstream, token.library(), token.label(), token.pin().reveal(), level,
                spool, logSection, ALICE), StandardCharsets.UTF_8);
        return file;
    }

    static SealgateConfig load(Path file) throws Exception {
        return ConfigLoader.builder().validator(ProcessTemplates::validate).build().load(file);
    }

    static String fileLog(Path directory) {
        return "log:\n  store: file\n  directory: " + directory;
    }

    static String postgresLog(String jdbcUrl, String user) {
        return "log:\n  store: postgres\n  jdbc-url: " + jdbcUrl + "\n  user: " + user;
    }

    /** A small PDF, different for each {@code n} (an appended comment), so every upload has its own hash. */
    static byte[] pdf(String n) throws IOException {
        try (InputStream in = SampleDocuments.PDFBOX_PURCHASE_ORDER.open()) {
            byte[] base = in.readAllBytes();
            byte[] tail = ("%" + n + "\n").getBytes(StandardCharsets.US_ASCII);
            byte[] out = new byte[base.length + tail.length];
            System.arraycopy(base, 0, out, 0, base.length);
            System.arraycopy(tail, 0, out, base.length, tail.length);
            return out;
        }
    }

    /** PUTs {@code body} to {@code <base>/files/<name>} as alice. */
    static HttpResponse<String> put(URI base, String name, byte[] body) throws IOException, InterruptedException {
        return CLIENT.send(HttpRequest.newBuilder(base.resolve("/files/" + name)).timeout(Duration.ofSeconds(120))
                .header("Authorization", "Bearer " + ALICE).header("Content-Type", "application/pdf")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    static HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return CLIENT.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** The log index in a response's {@code Sealgate-Signature} header. */
    static long logIndex(HttpResponse<?> response) {
        String header = response.headers().firstValue("Sealgate-Signature").orElseThrow(() ->
                new AssertionError("no Sealgate-Signature header in a " + response.statusCode() + " response"));
        Matcher m = LOG_INDEX.matcher(header);
        if (!m.find()) {
            throw new AssertionError("no log index in Sealgate-Signature: " + header);
        }
        return Long.parseLong(m.group(1));
    }

    /** What the fixture SaaS holds under {@code name}, fetched from it directly. */
    byte[] stored(String name) throws Exception {
        HttpResponse<byte[]> response = CLIENT.send(HttpRequest.newBuilder(saas.baseUri().resolve("files/" + name))
                .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("fixture SaaS answered " + response.statusCode() + " for " + name);
        }
        return response.body();
    }

    /** SHA-256 (hex) of what the fixture SaaS holds under {@code name}, fetched from it directly; empty if none. */
    Optional<String> storedSha256(String name) throws Exception {
        HttpResponse<byte[]> response = CLIENT.send(HttpRequest.newBuilder(saas.baseUri().resolve("files/" + name))
                .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        if (response.statusCode() != 200) {
            throw new IllegalStateException("fixture SaaS answered " + response.statusCode() + " for " + name);
        }
        return Optional.of(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(response.body())));
    }

    /**
     * The log index a signed PDF embeds (the unsigned attribute LOG_ENTRY_INDEX in the hex {@code /Contents} of its
     * only signature), read from the DER without a PDF or CMS library: the OID, then {@code SET { INTEGER n }}.
     */
    static long embeddedLogIndex(byte[] pdf) {
        String text = new String(pdf, java.nio.charset.StandardCharsets.ISO_8859_1).toLowerCase(java.util.Locale.ROOT);
        int at = text.indexOf(LOG_INDEX_ATTRIBUTE);
        if (at < 0 || text.indexOf(LOG_INDEX_ATTRIBUTE, at + 1) >= 0) {
            throw new AssertionError("expected exactly one log index attribute in the PDF");
        }
        int value = at + LOG_INDEX_ATTRIBUTE.length();
        // 31 <set length> 02 <integer length> <big-endian value>
        int length = Integer.parseInt(text.substring(value + 6, value + 8), 16);
        return new java.math.BigInteger(text.substring(value + 8, value + 8 + 2 * length), 16).longValueExact();
    }

    /** Copies what the fixture SaaS holds under {@code name} to {@code target}, fetched from it directly. */
    Path download(String name, Path target) throws Exception {
        HttpResponse<byte[]> response = CLIENT.send(HttpRequest.newBuilder(saas.baseUri().resolve("files/" + name))
                .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("fixture SaaS answered " + response.statusCode() + " for " + name);
        }
        return Files.write(target, response.body());
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        if (saas != null) {
            saas.close();
        }
        hsm.close();
    }
}
