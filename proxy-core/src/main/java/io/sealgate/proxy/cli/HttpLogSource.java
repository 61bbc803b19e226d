package io.sealgate.proxy.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sealgate.signing.SigningException;
import io.sealgate.signing.keys.Certificates;
import io.sealgate.signing.log.SignedTreeHead;
import io.sealgate.signing.verify.LogInclusionCheck;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * A signature log read over a proxy's {@code <prefix>log/} endpoints (docs/verification.md): {@code sth},
 * {@code proof?index=N&size=M} and {@code entries?start=N&end=N+1}. The entry's leaf is taken byte for byte from the
 * response (it is served in its canonical encoding), so its hash is recomputed from what the log hashed. The tree
 * head is checked against the certificate the log serves with it: compare {@code log_certificate_sha256} with one you
 * trust to rule out a log that is not the one you think.
 */
final class HttpLogSource implements LogInclusionCheck.Source {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final URI base;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private JsonNode sth;

    /** @param base the log endpoints' base, e.g. {@code http://127.0.0.1:8080/.sealgate/log/} */
    HttpLogSource(URI base) {
        this.base = base.toString().endsWith("/") ? base : URI.create(base + "/");
    }

    @Override
    public String describe() {
        return base.toString();
    }

    @Override
    public SignedTreeHead treeHead() throws IOException {
        try {
            return SignedTreeHead.decode(Base64.getDecoder().decode(sth().path("encoded").asText()));
        } catch (IllegalArgumentException e) {
            throw new IOException(base.resolve("sth") + " served no valid tree head: " + e.getMessage(), e);
        }
    }

    @Override
    public X509Certificate certificate() throws IOException {
        try {
            return Certificates.parseCertificates(sth().path("log_certificate").asText()
                    .getBytes(StandardCharsets.US_ASCII)).get(0);
        } catch (SigningException | IndexOutOfBoundsException e) {
            throw new IOException(base.resolve("sth") + " served no valid log certificate", e);
        }
    }

    @Override
    public byte[] leaf(long index) throws IOException {
        URI uri = base.resolve("entries?start=" + index + "&end=" + (index + 1));
        byte[] body = get(uri);
        // the raw bytes of entries[0].leaf: re-serialising parsed JSON could change them
        try (JsonParser p = new JsonFactory().createParser(body)) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (t == JsonToken.FIELD_NAME && p.currentName().equals("leaf")) {
                    p.nextToken();
                    int start = (int) p.currentTokenLocation().getByteOffset();
                    p.skipChildren();
                    int end = (int) p.currentLocation().getByteOffset();
                    return Arrays.copyOfRange(body, start, end);
                }
            }
        }
        throw new IOException(uri + " served no entry");
    }

    @Override
    public List<byte[]> auditPath(long index, long treeSize) throws IOException {
        URI uri = base.resolve("proof?index=" + index + "&size=" + treeSize);
        List<byte[]> path = new ArrayList<>();
        for (JsonNode hash : JSON.readTree(get(uri)).path("audit_path")) {
            path.add(Base64.getDecoder().decode(hash.asText()));
        }
        return path;
    }

    private JsonNode sth() throws IOException {
        if (sth == null) {
            sth = JSON.readTree(get(base.resolve("sth")));
        }
        return sth;
    }

    private byte[] get(URI uri) throws IOException {
        HttpResponse<byte[]> response;
        try {
            response = client.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading " + uri, e);
        } catch (IOException e) {
            throw new IOException("cannot reach " + uri + ": " + (e.getMessage() == null
                    ? e.getClass().getSimpleName() : e.getMessage()), e);
        }
        if (response.statusCode() != 200) {
            String message = new String(response.body(), StandardCharsets.UTF_8);
            try {
                message = JSON.readTree(response.body()).path("message").asText(message);
            } catch (IOException notJson) {
                // keep the body as it is
            }
            throw new IOException(uri + " answered " + response.statusCode() + ": " + message);
        }
        return response.body();
    }
}
