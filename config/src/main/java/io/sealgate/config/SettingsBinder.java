package io.sealgate.config;

import java.net.URI;
import java.nio.file.InvalidPathException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.yaml.snakeyaml.nodes.Node;

/** Binds the signing-related top-level sections {@code organisation:}, {@code signing:} and {@code log:}. */
final class SettingsBinder {

    static final List<String> ORGANISATION_KEYS = List.of("name", "seal-key");
    static final List<String> SIGNING_KEYS = List.of("level", "tsa", "revocation", "threads", "queue", "deadline",
            "spool-dir", "max-document-size", "trust");
    static final List<String> LOG_KEYS = List.of("store", "directory", "jdbc-url", "user", "password",
            "tree-head-every", "reservation-timeout");

    static final String KEY_LABEL = "a key label in the token, like sealgate-seal";
    private static final String TSA = "embedded or an http:// or https:// URL of an RFC 3161 time-stamping authority";
    private static final String DIRECTORY = "a directory path, like var/spool";
    private static final String JDBC_URL = "a JDBC URL like jdbc:postgresql://127.0.0.1:5432/sealgate";
    private static final List<String> POSTGRES_ONLY = List.of("jdbc-url", "user", "password",
            "reservation-timeout");

    private final ScalarReader reader;
    private final Path baseDir;

    SettingsBinder(ScalarReader reader, Path baseDir) {
        this.reader = reader;
        this.baseDir = baseDir;
    }

    /** Null when the section is absent or broken; whether it is required is the caller's decision. */
    OrganisationConfig organisation(MappingView view) {
        if (view == null) {
            return null;
        }
        String name = view.requiredString("name", "the organisation's name, like Acme Corp");
        String sealKey = view.optionalString("seal-key", KEY_LABEL).orElse(OrganisationConfig.DEFAULT_SEAL_KEY);
        return name == null || sealKey == null ? null : new OrganisationConfig(name.trim(), sealKey.trim());
    }

    SigningSettings signing(MappingView view) {
        SigningSettings d = SigningSettings.defaults(baseDir);
        if (view == null) {
            return d;
        }
        List<String> levels = List.of(SigningSettings.Level.values()).stream().map(SigningSettings.Level::yamlName)
                .toList();
        String level = reader.choice(view.optional("level").orElse(null), view.path("level"), levels);
        String revocation = reader.choice(view.optional("revocation").orElse(null), view.path("revocation"),
                List.of("embedded", "online"));
        return new SigningSettings(
                level == null ? d.level() : SigningSettings.Level.fromYaml(level).orElseThrow(),
                tsa(view),
                revocation == null ? d.revocation() : SigningSettings.Revocation.valueOf(
                        revocation.toUpperCase(Locale.ROOT)),
                view.optionalInt("threads", 1, 1024, d.threads()),
                view.optionalInt("queue", 1, 1_000_000, d.queue()),
                view.optionalDuration("deadline", true, d.deadline()),
                directory(view, "spool-dir").orElse(d.spoolDir()),
                Optional.ofNullable(reader.byteSize(view.optional("max-document-size").orElse(null),
                        view.path("max-document-size"))).orElse(d.maxDocumentSize()),
                trust(view));
    }

    private Optional<URI> tsa(MappingView view) {
        Node node = view.optional("tsa").orElse(null);
        ScalarReader.Scalar s = reader.scalar(node, view.path("tsa"), TSA);
        if (s == null || s.value().trim().equalsIgnoreCase("embedded")) {
            return Optional.empty();
        }
        return Optional.ofNullable(reader.httpUrl(node, view.path("tsa"), TSA));
    }

    private List<Path> trust(MappingView view) {
        List<Path> files = new ArrayList<>();
        List<Node> nodes = view.optionalList("trust", "PEM certificate file");
        for (int i = 0; nodes != null && i < nodes.size(); i++) {
            Path file = reader.readableFile(nodes.get(i), view.path("trust") + "[" + i + "]");
            if (file != null) {
                files.add(file);
            }
        }
        return files;
    }

    LogConfig log(MappingView view) {
        LogConfig d = LogConfig.defaults(baseDir);
        if (view == null) {
            return d;
        }
        String store = view.has("store") ? reader.choice(view.optional("store").orElse(null), view.path("store"),
                List.of("file", "postgres")) : "file";
        boolean postgres = "postgres".equals(store);
        if (store != null) {
            // Settings of the other store suggest the operator expects it to be used: say it is not.
            List<String> notAllowed = postgres ? List.of("directory") : POSTGRES_ONLY;
            for (String key : notAllowed) {
                view.optional(key).ifPresent(n -> reader.problems().add(n, view.path(key), "not allowed with store "
                        + store + " (expected: only with store " + (postgres ? "file" : "postgres") + ")"));
            }
        }
        Optional<String> jdbcUrl = Optional.empty();
        Optional<String> user = Optional.empty();
        Optional<Secret> password = Optional.empty();
        if (postgres) {
            jdbcUrl = Optional.ofNullable(jdbcUrl(view));
            user = Optional.ofNullable(view.requiredString("user", "the database user, like sealgate"));
            password = view.optionalString("password", "the database password, like ${SEALGATE_LOG_PASSWORD}")
                    .map(Secret::new);
        }
        return new LogConfig(postgres ? LogConfig.Store.POSTGRES : LogConfig.Store.FILE,
                postgres ? d.directory() : directory(view, "directory").orElse(d.directory()),
                jdbcUrl, user, password,
                view.optionalInt("tree-head-every", 1, Integer.MAX_VALUE, d.treeHeadEvery()),
                postgres ? view.optionalDuration("reservation-timeout", true, d.reservationTimeout())
                        : d.reservationTimeout());
    }

    private String jdbcUrl(MappingView view) {
        String url = view.requiredString("jdbc-url", JDBC_URL);
        if (url != null && !url.trim().startsWith("jdbc:postgresql:")) {
            Node node = view.optional("jdbc-url").orElseThrow();
            reader.problems().add(node, view.path("jdbc-url"), ScalarReader.describe(node) + " (expected: "
                    + JDBC_URL + ")");
            return null;
        }
        return url == null ? null : url.trim();
    }

    /** A directory that need not exist yet (it is created at start), but must not be something else. */
    private Optional<Path> directory(MappingView view, String key) {
        Node node = view.optional(key).orElse(null);
        String written = reader.string(node, view.path(key), DIRECTORY);
        if (written == null) {
            return Optional.empty();
        }
        Path path;
        try {
            path = baseDir.resolve(written.trim()).normalize();
        } catch (InvalidPathException e) {
            reader.problems().add(node, view.path(key), ScalarReader.describe(node) + ": not a valid path (expected: "
                    + DIRECTORY + ")");
            return Optional.empty();
        }
        if (Files.exists(path) && !Files.isDirectory(path)) {
            String where = Path.of(written.trim()).isAbsolute() ? "" : " (resolved to " + path + ")";
            reader.problems().add(node, view.path(key), ScalarReader.describe(node) + where
                    + ": not a directory (expected: " + DIRECTORY + ")");
            return Optional.empty();
        }
        return Optional.of(path);
    }
}
