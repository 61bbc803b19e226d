package io.sealgate.proxy.cli;

import io.sealgate.config.Secret;
import io.sealgate.config.TokenConfig;
import io.sealgate.policy.KeyUsageGuard;
import io.sealgate.signing.SigningException;
import io.sealgate.signing.keys.KeyVault;
import io.sealgate.signing.service.SealgateToken;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Set;

/**
 * What {@code sealgate demo} needs before the proxy starts, created once per data directory and reused after: a
 * SoftHSM token (its PIN in {@code token-pin}), the dev CA, TSA, log and seal keys, the users alice (requester) and
 * bob (manager) with certificates from the dev CA, their bearer tokens ({@code users/<id>.token}) and the dev CA root
 * in {@code trust/root.pem}. Secrets are files readable by the owner only.
 *
 * <p>SoftHSM reads {@code SOFTHSM2_CONF} when the JVM loads it, so the variable must be set before the JVM starts;
 * {@code bin/sealgate demo} sets it to {@code var/demo/softhsm2.conf}. The file is written here when missing.
 */
record DemoSetup(Path dataDir, TokenConfig token, String aliceToken, String bobToken, Path rootPem) {

    static final Path LIBRARY = Path.of("/usr/lib/softhsm/libsofthsm2.so");
    static final String ORGANISATION = "Demo Corp";
    static final String SEAL_KEY = "sealgate-seal";

    static DemoSetup prepare(Path dataDir) throws CliException {
        try {
            Files.createDirectories(dataDir);
            ensureSoftHsmConfig();
            String label = "demo-" + HexFormat.of().formatHex(sha256(dataDir.toAbsolutePath().normalize()
                    .toString())).substring(0, 16);
            String pin = secret(dataDir.resolve("token-pin"));
            SoftHsmTokens.ensure(label, pin);
            TokenConfig token = new TokenConfig(LIBRARY, label, new Secret(pin));
            Path root = dataDir.resolve("trust").resolve("root.pem");
            try (KeyVault vault = KeyVault.open(token, KeyUsageGuard.ALLOW_ALL)) {
                SealgateToken sealgate = SealgateToken.initialize(vault, ORGANISATION, SEAL_KEY);
                sealgate.enrolUser("alice", "alice", Set.of("requester"));
                sealgate.enrolUser("bob", "bob", Set.of("manager"));
                Files.createDirectories(root.getParent());
                Files.writeString(root, "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64,
                        new byte[] {'\n'}).encodeToString(sealgate.devCa().root().getEncoded())
                        + "\n-----END CERTIFICATE-----\n", StandardCharsets.US_ASCII);
            }
            Path users = Files.createDirectories(dataDir.resolve("users"));
            return new DemoSetup(dataDir, token, secret(users.resolve("alice.token")),
                    secret(users.resolve("bob.token")), root);
        } catch (IOException e) {
            throw new CliException(ExitCode.FAILURE, "cannot prepare the demo in " + dataDir + ": " + e.getMessage(),
                    e);
        } catch (SigningException | java.security.cert.CertificateEncodingException e) {
            throw new CliException(ExitCode.FAILURE, "cannot prepare the demo token: " + e.getMessage(), e);
        }
    }

    /** Where the demo keeps a user's token: the config reads it with {@code ${file:...}}. */
    Path tokenFile(String user) {
        return dataDir.resolve("users").resolve(user + ".token").toAbsolutePath();
    }

    Path pinFile() {
        return dataDir.resolve("token-pin").toAbsolutePath();
    }

    private static void ensureSoftHsmConfig() throws IOException, CliException {
        String conf = System.getenv("SOFTHSM2_CONF");
        if (conf == null || conf.isBlank()) {
            throw new CliException(ExitCode.FAILURE, "SOFTHSM2_CONF is not set (expected: the SoftHSM config the "
                    + "demo token lives in; bin/sealgate demo sets it to var/demo/softhsm2.conf, or export it "
                    + "yourself before starting java)");
        }
        Path file = Path.of(conf).toAbsolutePath();
        if (!Files.exists(file)) {
            Path tokens = Files.createDirectories(file.resolveSibling("softhsm-tokens"));
            Files.writeString(file, "directories.tokendir = " + tokens + "\nobjectstore.backend = file\n"
                    + "log.level = ERROR\nslots.removable = false\n");
        }
    }

    /** The secret in {@code file}, created with a fresh random value (mode 0600) when missing. */
    private static String secret(Path file) throws IOException {
        if (Files.exists(file)) {
            return Files.readString(file, StandardCharsets.US_ASCII).strip();
        }
        String value = randomToken();
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, value + "\n", StandardCharsets.US_ASCII);
        return value;
    }

    private static String randomToken() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
