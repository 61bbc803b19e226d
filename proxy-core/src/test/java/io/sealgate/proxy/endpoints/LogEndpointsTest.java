package io.sealgate.proxy.endpoints;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sealgate.config.ConfigLoader;
import io.sealgate.policy.ProcessTemplates;
import io.sealgate.proxy.SealgateServer;
import io.sealgate.proxy.testing.RawHttp;
import io.sealgate.proxy.testing.TestConfigs;
import io.sealgate.signing.keys.Certificates;
import io.sealgate.signing.log.ConsistencyProof;
import io.sealgate.signing.log.InclusionProof;
import io.sealgate.signing.log.LeafCodec;
import io.sealgate.signing.log.LogEntry;
import io.sealgate.signing.log.SignedTreeHead;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code /.sealgate/log/...} over a real socket, on a server whose signing service holds the log of
 * {@link SignedDocuments}: four signatures (alice, bob, the seal, alice). Every answer is checked with the signing
 * module's own proof verifiers, against the tree head signed by the log key.
 */
class LogEndpointsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Decoder B64 = Base64.getDecoder();
    private static SealgateServer server;
    private static InetSocketAddress address;

    @BeforeAll
    static void start() throws Exception {
        SignedDocuments docs = SignedDocuments.get();
        server = SealgateServer.start(ConfigLoader.builder().validator(ProcessTemplates::validate).build()
                .load(docs.signingConfig));
        address = server.boundAddresses().get(0);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void treeHeadIsSignedByTheLogCertificateItCarries() throws Exception {
        JsonNode sth = json(get("/.sealgate/log/sth"));

        SignedTreeHead decoded = SignedTreeHead.decode(B64.decode(sth.get("encoded").asText()));
        X509Certificate logCertificate = Certificates.parseCertificates(
                sth.get("log_certificate").asText().getBytes(StandardCharsets.US_ASCII)).get(0);
        assertThat(decoded.verifySignature(logCertificate)).isTrue();
        assertThat(sth.get("tree_size").asLong()).isEqualTo(4).isEqualTo(decoded.treeSize());
        assertThat(sth.get("timestamp").asLong()).isEqualTo(decoded.timestampMillis());
        assertThat(B64.decode(sth.get("root_hash").asText())).isEqualTo(decoded.rootHash());
        assertThat(B64.decode(sth.get("signature").asText())).isEqualTo(decoded.signature());
        assertThat(sth.get("signature_algorithm").asText()).isEqualTo("SHA256withECDSA");
        assertThat(logCertificate.getSubjectX500Principal().getName()).contains("CN=Sealgate signature log");
    }

    @Test
    void everyEntryIsProvenInTheSignedTreeByItsCanonicalLeaf() throws Exception {
        byte[] signedRoot = B64.decode(json(get("/.sealgate/log/sth")).get("root_hash").asText());
        JsonNode entries = json(get("/.sealgate/log/entries?start=0&end=4")).get("entries");

        List<String> signers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            JsonNode p = json(get("/.sealgate/log/proof?index=" + i));
            InclusionProof proof = new InclusionProof(p.get("leaf_index").asLong(), p.get("tree_size").asLong(),
                    B64.decode(p.get("leaf_hash").asText()), hashes(p.get("audit_path")));
            byte[] leaf = JSON.writeValueAsBytes(entries.get(i).get("leaf"));
            signers.add(((LogEntry) LeafCodec.decode(leaf)).userId()); // decode accepts canonical bytes only
            assertThat(entries.get(i).get("index").asInt()).isEqualTo(i);
            assertThat(proof.leafHash()).isEqualTo(leafHash(leaf));
            assertThat(proof.verify(signedRoot)).isTrue();
        }
        assertThat(signers).containsExactly("alice", "bob", "acme", "alice");
    }

    @Test
    void consistencyProofLeadsFromAnEarlierRootToTheSignedOne() throws Exception {
        byte[] signedRoot = B64.decode(json(get("/.sealgate/log/sth")).get("root_hash").asText());
        JsonNode p = json(get("/.sealgate/log/proof?first=1&second=4"));
        byte[] firstRoot = B64.decode(json(get("/.sealgate/log/proof?index=0&size=1")).get("root_hash").asText());

        ConsistencyProof proof = new ConsistencyProof(1, 4, hashes(p.get("consistency_path")));
        assertThat(B64.decode(p.get("second_root_hash").asText())).isEqualTo(signedRoot);
        assertThat(B64.decode(p.get("first_root_hash").asText())).isEqualTo(firstRoot);
        assertThat(proof.verify(firstRoot, signedRoot)).isTrue();
    }

    @Test
    void badParametersAreRefusedWith400SayingWhatWasExpected() throws Exception {
        assertBadRequest("/.sealgate/log/proof", "proof: no parameters (expected: index=N[&size=M] or "
                + "first=M&second=N)");
        assertBadRequest("/.sealgate/log/proof?index=1&first=1&second=2", "proof: both index and first/second "
                + "(expected: index=N[&size=M] or first=M&second=N)");
        assertBadRequest("/.sealgate/log/proof?index=abc", "index: abc (expected: a non-negative integer)");
        assertBadRequest("/.sealgate/log/proof?index=-1", "index: -1 (expected: a non-negative integer)");
        assertBadRequest("/.sealgate/log/proof?index=4", "index: 4 (expected: 0-3)");
        assertBadRequest("/.sealgate/log/proof?index=0&size=9", "size: 9 (expected: 1-4)");
        assertBadRequest("/.sealgate/log/proof?first=3&second=2", "first: 3 (expected: 1-2)");
        assertBadRequest("/.sealgate/log/proof?first=1", "second: missing (expected: a non-negative integer)");
        assertBadRequest("/.sealgate/log/entries?start=0", "end: missing (expected: a non-negative integer)");
        assertBadRequest("/.sealgate/log/entries?start=0&end=500", "end: 500 (expected: 1-4)");
        assertBadRequest("/.sealgate/log/entries?start=3&end=3", "end: 3 (expected: 4-4)");
        assertBadRequest("/.sealgate/log/entries?start=0&start=1&end=2", "start: 2 values (expected: one "
                + "non-negative integer)");
    }

    @Test
    void writingToTheLogIsRefusedWith405() throws Exception {
        try (RawHttp client = new RawHttp(address)) {
            RawHttp.Response response = client.send("POST /.sealgate/log/sth HTTP/1.1\r\nHost: x\r\n"
                    + "Content-Length: 0\r\n\r\n").readResponse();

            assertThat(response.status()).isEqualTo(405);
            assertThat(response.header("allow")).isEqualTo("GET, HEAD");
        }
    }

    @Test
    void serverWithoutSignatureLogAnswers404() throws Exception {
        try (SealgateServer bare = SealgateServer.start(TestConfigs.passAllTo(URI.create("http://127.0.0.1:9")));
             RawHttp client = new RawHttp(bare.boundAddresses().get(0))) {
            RawHttp.Response response = client.send("GET /.sealgate/log/sth HTTP/1.1\r\nHost: x\r\n\r\n")
                    .readResponse();

            assertThat(response.status()).isEqualTo(404);
            assertThat(json(response).get("message").asText()).isEqualTo("no signature log configured (expected: "
                    + "a 'token' and a 'log' section in the config)");
        }
    }

    @Test
    void serverWithATokenButNoSigningRouteSaysTheLogIsNotOpen() throws Exception {
        try (SealgateServer passOnly = SealgateServer.start(SignedDocuments.get().loaded);
             RawHttp client = new RawHttp(passOnly.boundAddresses().get(0))) {
            RawHttp.Response response = client.send("GET /.sealgate/log/sth HTTP/1.1\r\nHost: x\r\n\r\n")
                    .readResponse();

            assertThat(response.status()).isEqualTo(404);
            assertThat(json(response).get("message").asText()).isEqualTo("no signature log open: the log is opened "
                    + "with the signing service, for a sign-upload, approve or verify-upload route, and this server "
                    + "has none");
        }
    }

    private static void assertBadRequest(String target, String message) throws Exception {
        RawHttp.Response response = get(target);
        assertThat(response.status()).as(target).isEqualTo(400);
        assertThat(json(response).get("error").asText()).isEqualTo("bad_request");
        assertThat(json(response).get("message").asText()).as(target).isEqualTo(message);
    }

    private static RawHttp.Response get(String target) throws Exception {
        try (RawHttp client = new RawHttp(address)) {
            return client.send("GET " + target + " HTTP/1.1\r\nHost: x\r\n\r\n").readResponse();
        }
    }

    private static JsonNode json(RawHttp.Response response) throws Exception {
        return JSON.readTree(response.body());
    }

    private static List<byte[]> hashes(JsonNode array) {
        List<byte[]> out = new ArrayList<>();
        array.forEach(h -> out.add(B64.decode(h.asText())));
        return out;
    }

    private static byte[] leafHash(byte[] leaf) throws Exception {
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        sha256.update((byte) 0);
        return sha256.digest(leaf);
    }
}
