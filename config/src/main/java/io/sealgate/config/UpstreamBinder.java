package io.sealgate.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.yaml.snakeyaml.nodes.Node;

/** Binds {@code upstreams:}, a mapping from upstream name to its settings. */
final class UpstreamBinder {

    static final List<String> UPSTREAM_KEYS = List.of("url", "connect-timeout", "read-timeout", "pool-size",
            "preserve-host", "ca-bundle", "client-certificate");
    static final List<String> CLIENT_CERTIFICATE_KEYS = List.of("certificate-chain", "private-key");

    static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(60);
    static final int DEFAULT_POOL_SIZE = 16;

    private static final String EXPECTED = "at least one upstream";

    private final ScalarReader reader;
    private final Set<String> names = new LinkedHashSet<>();

    UpstreamBinder(ScalarReader reader) {
        this.reader = reader;
    }

    /** Every upstream name declared, valid or not, so that routes naming a broken upstream are not blamed too. */
    Set<String> names() {
        return names;
    }

    Map<String, UpstreamConfig> bind(MappingView top) {
        Map<String, UpstreamConfig> upstreams = new LinkedHashMap<>();
        Node node = top.required("upstreams", EXPECTED);
        MappingView all = MappingView.of(node, "upstreams", null, reader);
        if (all == null) {
            return upstreams;
        }
        if (all.entries().isEmpty()) {
            reader.problems().add(node, "upstreams", "empty (expected: " + EXPECTED + ")");
            return upstreams;
        }
        for (MappingView.Entry entry : all.entries()) {
            names.add(entry.key());
            String path = all.path(entry.key());
            if (!Names.isValid(entry.key())) {
                reader.problems().add(entry.keyNode(), path, entry.key() + " (expected: " + Names.EXPECTED + ")");
            }
            MappingView view = MappingView.of(entry.value(), path, UPSTREAM_KEYS, reader);
            if (view != null) {
                upstreams.put(entry.key(), upstream(entry.key(), view));
            }
        }
        return upstreams;
    }

    private UpstreamConfig upstream(String name, MappingView view) {
        URI url = reader.httpUrl(view.required("url", ScalarReader.HTTP_URL), view.path("url"));
        Optional<Path> caBundle = view.optionalFile("ca-bundle");
        MappingView client = view.optionalMapping("client-certificate", CLIENT_CERTIFICATE_KEYS);
        Optional<UpstreamConfig.ClientCertificate> clientCertificate = client == null ? Optional.empty()
                : Optional.of(new UpstreamConfig.ClientCertificate(client.requiredFile("certificate-chain"),
                        client.requiredFile("private-key")));
        if (url != null && !"https".equalsIgnoreCase(url.getScheme())) {
            // TLS settings on a plain-HTTP upstream mean the operator believes traffic is protected when it is not.
            String written = ScalarReader.describe(view.optional("url").orElseThrow());
            for (String key : List.of("ca-bundle", "client-certificate")) {
                view.optional(key).ifPresent(n -> reader.problems().add(n, view.path(key), "not used with " + written
                        + " (expected: an https:// url when " + key + " is set)"));
            }
        }
        return new UpstreamConfig(name, url,
                view.optionalDuration("connect-timeout", true, DEFAULT_CONNECT_TIMEOUT),
                view.optionalDuration("read-timeout", true, DEFAULT_READ_TIMEOUT),
                view.optionalInt("pool-size", 1, Integer.MAX_VALUE, DEFAULT_POOL_SIZE),
                view.optionalBoolean("preserve-host", false),
                caBundle, clientCertificate);
    }
}
