package io.sealgate.proxy.endpoints;

import io.sealgate.config.ConfigLoader;
import io.sealgate.config.SealgateConfig;
import io.sealgate.fixtures.documents.SampleDocuments;
import io.sealgate.fixtures.softhsm.SoftHsmToken;
import io.sealgate.policy.Identity;
import io.sealgate.policy.KeyUsageGuard;
import io.sealgate.policy.ProcessTemplate;
import io.sealgate.policy.ProcessTemplates;
import io.sealgate.signing.keys.Certificates;
import io.sealgate.signing.keys.KeyVault;
import io.sealgate.signing.log.LogEntry;
import io.sealgate.signing.service.ApproveRequest;
import io.sealgate.signing.service.CreateRequest;
import io.sealgate.signing.service.RequestContext;
import io.sealgate.signing.service.SealgateToken;
import io.sealgate.signing.service.SignResult;
import io.sealgate.signing.service.SigningService;
import io.sealgate.signing.service.SigningServiceSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.Set;

/**
 * Documents signed the way the proxy signs them, made once per test JVM: a SoftHSM token prepared for organisation
 * {@code acme} (alice: requester, bob: manager, the seal {@code acme-seal}), a config naming it (level B-LT, so the
 * documents verify offline), and a purchase order
 * through the process {@code purchase-order} (create by alice, approve by a manager, then the organisation seal):
 * <ul>
 * <li>{@link #created}: alice's signature only: valid, the process incomplete;</li>
 * <li>{@link #approved}: alice, bob and the seal: valid and complete;</li>
 * <li>{@link #tampered}: {@link #approved} with one signed byte changed;</li>
 * <li>{@link #appended}: {@link #approved} with an object appended after the last revision: every signature holds,
 *     but the document changed after them;</li>
 * <li>{@link #csv} and {@link #csvSignature}: a CSV file and alice's detached CAdES signature of it, no process.</li>
 * </ul>
 * The four signatures (alice, bob, the seal, alice) are entries 0-3 of the config's signature log; no delivery
 * status was recorded.
 */
public final class SignedDocuments {

    private static SignedDocuments instance;

    public final Path dir;
    /** Pass routes only: a server with it has no signing service and no signature log open. */
    public final Path config;
    /** {@link #config} plus a sign-upload route: a server with it opens the signing service and the log. */
    public final Path signingConfig;
    public final Path root;
    public final Path created;
    public final Path approved;
    public final Path tampered;
    public final Path appended;
    public final Path csv;
    public final Path csvSignature;
    public final SealgateConfig loaded;

    private SignedDocuments(Path dir) throws Exception {
        this.dir = dir;
        SoftHsmToken token = SoftHsmToken.create("endpoints");
        String rest = """
                token:
                  library: %s
                  label: %s
                  pin: "%s"
                organisation:
                  name: acme
                  seal-key: acme-seal
                signing:
                  level: B-LT
                  spool-dir: %s
                log:
                  store: file
                  directory: %s
                users:
                  alice:
                    token: alice-token-0123456789
                    roles: [requester]
                  bob:
                    token: bob-token-0123456789ab
                    roles: [manager]
                processes:
                  purchase-order:
                    version: 1
                    steps:
                      - id: create
                        meaning: create
                        users: [alice]
                      - id: approve
                        meaning: approve
                        roles: [manager]
                    seal: org-seal
                """.formatted(SoftHsmToken.DEFAULT_LIBRARY, token.label(), token.userPin(), dir.resolve("spool"),
                dir.resolve("log"));
        String head = """
                listeners:
                  - host: 127.0.0.1
                    port: 0
                upstreams:
                  saas:
                    url: http://127.0.0.1:9
                routes:
                """;
        String pass = """
                  - name: all
                    upstream: saas
                    action: pass
                """;
        config = Files.writeString(dir.resolve("sealgate.yaml"), head + pass + rest);
        signingConfig = Files.writeString(dir.resolve("sealgate-signing.yaml"), head + """
                  - name: upload
                    match:
                      methods: [PUT]
                      path-prefix: /docs/
                    upstream: saas
                    action: sign-upload
                """ + pass + rest);
        loaded = ConfigLoader.builder().validator(ProcessTemplates::validate).build().load(config);
        try (KeyVault vault = KeyVault.open(loaded.token().orElseThrow(), KeyUsageGuard.ALLOW_ALL)) {
            SealgateToken sealgate = SealgateToken.initialize(vault, "acme", "acme-seal");
            sealgate.enrolUser("alice", "alice", Set.of("requester"));
            sealgate.enrolUser("bob", "bob", Set.of("manager"));
            root = Files.writeString(dir.resolve("root.pem"), Certificates.pem(sealgate.devCa().root()));
        }
        ProcessTemplate po = ProcessTemplates.from(loaded).get("purchase-order");
        Path upload = SampleDocuments.PDFBOX_PURCHASE_ORDER.copyTo(dir);
        try (SigningService service = SigningService.open(SigningServiceSettings.from(loaded))) {
            SignResult first = service.create(new CreateRequest(upload, "/docs/po-17.pdf",
                    Identity.of("alice", "acme", "requester"), Optional.of(po), request("r-1")));
            created = Files.move(first.output(), dir.resolve("po-17-created.pdf"), StandardCopyOption.REPLACE_EXISTING);
            SignResult second = service.approve(new ApproveRequest(created, Optional.empty(), "/docs/po-17.pdf",
                    Identity.of("bob", "acme", "manager"), Optional.empty(), request("r-2")));
            approved = Files.move(second.output(), dir.resolve("po-17.pdf"), StandardCopyOption.REPLACE_EXISTING);
            csv = Files.writeString(dir.resolve("po-18.csv"), "item,quantity\nbolts,400\n");
            SignResult cades = service.create(new CreateRequest(csv, "/docs/po-18.csv",
                    Identity.of("alice", "acme", "requester"), Optional.empty(), request("r-3")));
            csvSignature = Files.move(cades.output(), dir.resolve("po-18.csv.p7s"),
                    StandardCopyOption.REPLACE_EXISTING);
        }
        byte[] bytes = Files.readAllBytes(approved);
        bytes[20] = (byte) (bytes[20] ^ 1); // inside every signature's first byte range
        tampered = Files.write(dir.resolve("po-17-tampered.pdf"), bytes);
        appended = Files.write(dir.resolve("po-17-appended.pdf"), concat(Files.readAllBytes(approved),
                "99 0 obj\n(added after the seal)\nendobj\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
    }

    /** The shared documents; the first call makes them (a few seconds). */
    public static synchronized SignedDocuments get() throws Exception {
        if (instance == null) {
            Path dir = Files.createDirectories(Path.of("target", "endpoints-" + ProcessHandle.current().pid()))
                    .toAbsolutePath();
            instance = new SignedDocuments(dir);
        }
        return instance;
    }

    /** A copy of {@link #config} whose signature log is in {@code logDirectory}. */
    public Path configWithLog(Path logDirectory) throws java.io.IOException {
        String yaml = Files.readString(config).replace("directory: " + dir.resolve("log"),
                "directory: " + logDirectory);
        return Files.writeString(Files.createTempFile(dir, "sealgate-", ".yaml"), yaml);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static RequestContext request(String id) {
        return new RequestContext("upload", id, LogEntry.Authentication.of("static-bearer"));
    }
}
