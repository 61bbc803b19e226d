package io.sealgate.signing.revocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sealgate.fixtures.ocsp.OpensslOcspResponder;
import io.sealgate.fixtures.ocsp.OpensslOcspResponder.Evidence;
import io.sealgate.fixtures.softhsm.SoftHsmToken;
import io.sealgate.policy.KeyUsageGuard;
import io.sealgate.signing.RevocationSource.RevocationData;
import io.sealgate.signing.SigningException;
import io.sealgate.signing.keys.Certificates;
import io.sealgate.signing.keys.DevCa;
import io.sealgate.signing.keys.KeyAlgorithm;
import io.sealgate.signing.keys.KeyVault;
import io.sealgate.signing.keys.VaultFixture;
import io.sealgate.signing.testing.ExternalTool;

import com.sun.net.httpserver.HttpServer;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import javax.security.auth.x500.X500Principal;

import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RevocationSourcesTest {

    @TempDir
    Path dir;

    private SoftHsmToken hsm;
    private KeyVault vault;
    private OpensslOcspResponder openssl;
    private final OnlineRevocationSource online = new OnlineRevocationSource();

    @BeforeEach
    void setUp() throws Exception {
        hsm = SoftHsmToken.create("revocation");
        vault = KeyVault.open(VaultFixture.config(hsm), KeyUsageGuard.ALLOW_ALL);
        openssl = OpensslOcspResponder.start(dir.resolve("ca"));
    }

    @AfterEach
    void tearDown() {
        openssl.close();
        vault.close();
        hsm.close();
    }

    @Test
    void goodCertificateCollectsAnOcspResponseFromOpenssl() throws Exception {
        List<X509Certificate> chain = certifyWithOpenssl("alice", Evidence.OCSP_AND_CRL);

        RevocationData data = online.collect(chain);

        assertThat(data.crls()).isEmpty();
        assertThat(data.ocspResponses()).hasSize(1);
        BasicOCSPResp basic = (BasicOCSPResp) new OCSPResp(data.ocspResponses().get(0)).getResponseObject();
        assertThat(basic.getResponses()[0].getCertStatus()).isEqualTo(CertificateStatus.GOOD);
    }

    @Test
    void revokedCertificateIsRefusedWithTheResponderNamed() throws Exception {
        List<X509Certificate> chain = certifyWithOpenssl("bob", Evidence.OCSP_AND_CRL);
        openssl.revoke(Certificates.pem(chain.get(0)));

        assertThatThrownBy(() -> online.collect(chain))
                .isExactlyInstanceOf(SigningException.class)
                .hasMessageMatching("certificate CN=bob \\(serial 100[0-9]\\) is revoked since \\S+Z, "
                        + "according to OCSP responder " + openssl.ocspUri());
    }

    @Test
    void certificateWithoutResponderCollectsTheCrl() throws Exception {
        List<X509Certificate> chain = certifyWithOpenssl("carol", Evidence.CRL_ONLY);

        RevocationData data = online.collect(chain);

        assertThat(data.ocspResponses()).isEmpty();
        assertThat(data.crls()).hasSize(1);
    }

    @Test
    void certificateRevokedOnTheCrlIsRefused() throws Exception {
        List<X509Certificate> chain = certifyWithOpenssl("dave", Evidence.CRL_ONLY);
        openssl.revoke(Certificates.pem(chain.get(0)));

        assertThatThrownBy(() -> online.collect(chain))
                .isExactlyInstanceOf(SigningException.class)
                .hasMessageMatching("certificate CN=dave \\(serial 100[0-9]\\) is revoked since \\S+Z, "
                        + "according to the CRL from " + openssl.crlUri());
    }

    @Test
    void devCaAnswersForItsCertificatesWithAResponseOpensslAccepts() throws Exception {
        DevCa ca = DevCa.initialize(vault, new X500Principal("CN=Sealgate Dev CA, O=Acme"));
        vault.enroll("erin", KeyAlgorithm.EC_P256, new X500Principal("CN=erin"));
        List<X509Certificate> chain = ca.certify("erin", DevCa.Profile.USER);
        DevCaRevocationSource source = new DevCaRevocationSource(ca, online);

        RevocationData data = source.collect(chain);

        Path response = write("erin.ocsp", data.ocspResponses().get(0));
        Path root = write("root.pem", Certificates.pem(ca.root()).getBytes(StandardCharsets.UTF_8));
        Path leaf = write("erin.pem", Certificates.pem(chain.get(0)).getBytes(StandardCharsets.UTF_8));
        assertThat(ExternalTool.run("openssl", "ocsp", "-respin", response.toString(), "-issuer", root.toString(),
                "-CAfile", root.toString(), "-cert", leaf.toString()))
                .contains("Response verify OK").contains(leaf + ": good");
    }

    @Test
    void devCaRefusesRevokedCertificatesAndListsThemInItsCrl() throws Exception {
        DevCa ca = DevCa.initialize(vault, new X500Principal("CN=Sealgate Dev CA, O=Acme"));
        vault.enroll("frank", KeyAlgorithm.EC_P256, new X500Principal("CN=frank"));
        List<X509Certificate> chain = ca.certify("frank", DevCa.Profile.USER);
        DevCaRevocationSource source = new DevCaRevocationSource(ca, online);

        ca.revoke(chain.get(0).getSerialNumber());

        assertThatThrownBy(() -> source.collect(chain))
                .isExactlyInstanceOf(SigningException.class)
                .hasMessageMatching("certificate CN=frank \\(serial [0-9a-f]+\\) is revoked since \\S+Z, "
                        + "according to the dev CA");
        Path crl = write("dev.crl", source.crl());
        Path root = write("root.pem", Certificates.pem(ca.root()).getBytes(StandardCharsets.UTF_8));
        assertThat(ExternalTool.run("openssl", "crl", "-inform", "DER", "-in", crl.toString(), "-CAfile",
                root.toString(), "-noout", "-text"))
                .contains("verify OK")
                .contains("Serial Number: " + chain.get(0).getSerialNumber().toString(16).toUpperCase());
    }

    @Test
    void devCaPublishedOverHttpAnswersOpensslsOcspClient() throws Exception {
        DevCa ca = DevCa.initialize(vault, new X500Principal("CN=Sealgate Dev CA, O=Acme"));
        DevCaRevocationSource responder = new DevCaRevocationSource(ca, online);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/ocsp", exchange -> {
            try (exchange) {
                byte[] reply = responder.respond(exchange.getRequestBody().readAllBytes());
                exchange.getResponseHeaders().set("Content-Type", "application/ocsp-response");
                exchange.sendResponseHeaders(200, reply.length);
                exchange.getResponseBody().write(reply);
            } catch (SigningException e) {
                exchange.sendResponseHeaders(500, -1);
            }
        });
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            DevCa published = ca.publishedAt(URI.create(base + "/ocsp"), URI.create(base + "/crl"));
            vault.enroll("grace", KeyAlgorithm.EC_P256, new X500Principal("CN=grace"));
            List<X509Certificate> chain = published.certify("grace", DevCa.Profile.USER);
            Path root = write("root.pem", Certificates.pem(ca.root()).getBytes(StandardCharsets.UTF_8));
            Path leaf = write("grace.pem", Certificates.pem(chain.get(0)).getBytes(StandardCharsets.UTF_8));
            String[] ask = {"openssl", "ocsp", "-issuer", root.toString(), "-cert", leaf.toString(), "-url",
                    base + "/ocsp", "-CAfile", root.toString()};

            assertThat(ExternalTool.run(ask)).contains("Response verify OK").contains(leaf + ": good");
            assertThat(online.collect(chain).ocspResponses()).hasSize(1);
            ca.revoke(chain.get(0).getSerialNumber());
            assertThat(ExternalTool.run(ask)).contains("Response verify OK").contains(leaf + ": revoked");
            assertThatThrownBy(() -> online.collect(chain))
                    .hasMessageMatching("certificate CN=grace \\(serial [0-9a-f]+\\) is revoked since \\S+Z, "
                            + "according to OCSP responder " + base + "/ocsp");
        } finally {
            server.stop(0);
        }
    }

    private List<X509Certificate> certifyWithOpenssl(String label, Evidence evidence) throws Exception {
        vault.enroll(label, KeyAlgorithm.EC_P256, new X500Principal("CN=" + label));
        String pem = openssl.issue(vault.csr(label), evidence);
        List<X509Certificate> chain = new ArrayList<>(Certificates.parseCertificates(
                pem.getBytes(StandardCharsets.UTF_8)));
        chain.addAll(Certificates.parseCertificates(Files.readAllBytes(openssl.caCertificate())));
        vault.importCertificate(label, chain);
        return chain;
    }

    private Path write(String name, byte[] data) throws Exception {
        Path file = dir.resolve(name);
        Files.write(file, data);
        return file;
    }
}
