package io.sealgate.signing.cades;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.europa.esig.dss.model.FileDocument;
import eu.europa.esig.dss.model.x509.revocation.crl.CRL;
import eu.europa.esig.dss.simplereport.SimpleReport;
import eu.europa.esig.dss.validation.SignedDocumentValidator;

import io.sealgate.fixtures.softhsm.SoftHsmToken;
import io.sealgate.policy.KeyUsageGuard;
import io.sealgate.policy.KeyUse;
import io.sealgate.signing.DocumentRejectedException;
import io.sealgate.signing.SealgateAttributes;
import io.sealgate.signing.SigningException;
import io.sealgate.signing.SigningKey;
import io.sealgate.signing.keys.Certificates;
import io.sealgate.signing.keys.DevCa;
import io.sealgate.signing.keys.KeyAlgorithm;
import io.sealgate.signing.keys.KeyVault;
import io.sealgate.signing.keys.VaultFixture;
import io.sealgate.signing.revocation.DevCaRevocationSource;
import io.sealgate.signing.revocation.OnlineRevocationSource;
import io.sealgate.signing.testing.ExternalTool;
import io.sealgate.signing.testing.OfflineDss;
import io.sealgate.signing.tsa.EmbeddedTsa;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.security.auth.x500.X500Principal;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CadesSignerTest {

    private static SoftHsmToken hsm;
    private static KeyVault vault;
    private static DevCa ca;
    private static EmbeddedTsa tsa;
    private static DevCaRevocationSource revocation;

    @TempDir
    Path dir;

    private Path content;
    private Path root;
    private final CadesSigner signer = new CadesSigner();

    @BeforeAll
    static void token() throws Exception {
        hsm = SoftHsmToken.create("cades");
        vault = KeyVault.open(VaultFixture.config(hsm), KeyUsageGuard.ALLOW_ALL);
        ca = DevCa.initialize(vault, new X500Principal("CN=Sealgate Dev CA, O=Acme"));
        tsa = EmbeddedTsa.initialize(vault, ca, "Acme");
        revocation = new DevCaRevocationSource(ca, new OnlineRevocationSource());
        for (String user : List.of("alice", "bob", "carol", "mallory")) {
            vault.enroll(user, KeyAlgorithm.EC_P256, new X500Principal("CN=" + user + ", O=Acme"));
            ca.certify(user, DevCa.Profile.USER);
        }
    }

    @AfterAll
    static void closeToken() {
        vault.close();
        hsm.close();
    }

    @BeforeEach
    void files() throws Exception {
        content = dir.resolve("po-17.csv");
        Files.writeString(content, "item,qty\nbolts,100\nnuts,250\n".repeat(1000));
        root = dir.resolve("root.pem");
        Files.writeString(root, Certificates.pem(ca.root()));
    }

    @Test
    void baselineBIsAcceptedByOpensslAndDss() throws Exception {
        Path p7s = dir.resolve("po-17.csv.p7s");

        signer.sign(content, p7s, CadesParameters.builder(CadesLevel.BASELINE_B).build(), key("alice"));

        assertThat(opensslVerify(p7s, content)).contains("CMS Verification successful");
        assertThat(dss(p7s, content, true)).containsExactly("TOTAL_PASSED CAdES-BASELINE-B CN=alice");
    }

    @Test
    void oneBitChangeOfTheContentIsRejected() throws Exception {
        Path p7s = dir.resolve("po-17.csv.p7s");
        signer.sign(content, p7s, CadesParameters.builder(CadesLevel.BASELINE_B).build(), key("alice"));
        byte[] bytes = Files.readAllBytes(content);
        bytes[1234] ^= 0x01;
        Path changed = dir.resolve("changed.csv");
        Files.write(changed, bytes);

        assertThat(opensslVerify(p7s, changed)).contains("CMS Verification failure");
        assertThat(dss(p7s, changed, true)).containsExactly("TOTAL_FAILED HASH_FAILURE CAdES-BASELINE-B CN=alice");
    }

    @Test
    void baselineTCarriesASignatureTimestampDssAccepts() throws Exception {
        Path p7s = dir.resolve("po-17.csv.p7s");

        signer.sign(content, p7s, CadesParameters.builder(CadesLevel.BASELINE_T).timestampSource(tsa).build(),
                key("alice"));

        assertThat(opensslVerify(p7s, content)).contains("CMS Verification successful");
        assertThat(dss(p7s, content, true)).containsExactly("TOTAL_PASSED CAdES-BASELINE-T CN=alice");
    }

    @Test
    void baselineLtCarriesItsOwnRevocationEvidence() throws Exception {
        Path p7s = dir.resolve("po-17.csv.p7s");

        signer.sign(content, p7s, CadesParameters.builder(CadesLevel.BASELINE_LT).timestampSource(tsa)
                .revocationSource(revocation).build(), key("alice"));

        assertThat(opensslVerify(p7s, content)).contains("CMS Verification successful");
        assertThat(dss(p7s, content, false)).containsExactly("TOTAL_PASSED CAdES-BASELINE-LT CN=alice");
    }

    @Test
    void signingWithARevokedCertificateIsRefused() throws Exception {
        SigningKey mallory = key("mallory");
        ca.revoke(mallory.certificate().getSerialNumber());
        Path p7s = dir.resolve("po-17.csv.p7s");

        assertThatThrownBy(() -> signer.sign(content, p7s, CadesParameters.builder(CadesLevel.BASELINE_LT)
                .timestampSource(tsa).revocationSource(revocation).build(), mallory))
                .isExactlyInstanceOf(SigningException.class)
                .hasMessageMatching("certificate CN=mallory,O=Acme \\(serial [0-9a-f]+\\) is revoked since \\S+Z, "
                        + "according to the dev CA");
        assertThat(p7s).doesNotExist();
    }

    @Test
    void counterSignaturesNestInApprovalOrder() throws Exception {
        Path first = dir.resolve("1.p7s");
        Path second = dir.resolve("2.p7s");
        Path third = dir.resolve("3.p7s");
        signer.sign(content, first, CadesParameters.builder(CadesLevel.BASELINE_B).processStepId("create").build(),
                key("alice"));

        signer.counterSign(first, second, CadesParameters.builder(CadesLevel.BASELINE_T).timestampSource(tsa)
                .processStepId("review").build(), key("bob"));
        signer.counterSign(second, third, CadesParameters.builder(CadesLevel.BASELINE_B)
                .processStepId("approve").build(), key("carol"));

        CMSSignedData signed = new CMSSignedData(Files.readAllBytes(third));
        SignerInformation top = signed.getSignerInfos().getSigners().iterator().next();
        List<String> order = new ArrayList<>();
        order.add(stepOf(top));
        CounterSignatures.chain(top).forEach(s -> order.add(stepOf(s)));
        assertThat(order).containsExactly("create", "review", "approve");
        assertThat(opensslVerify(third, content)).contains("CMS Verification successful");
        assertThat(dss(third, content, true)).containsExactlyInAnyOrder(
                "TOTAL_PASSED CAdES-BASELINE-B CN=alice", "TOTAL_PASSED CAdES-BASELINE-T CN=bob",
                "TOTAL_PASSED CAdES-BASELINE-B CN=carol");
    }

    @Test
    void parallelSignerIsAddedOverTheSameContent() throws Exception {
        Path first = dir.resolve("1.p7s");
        Path both = dir.resolve("2.p7s");
        signer.sign(content, first, CadesParameters.builder(CadesLevel.BASELINE_B).build(), key("alice"));

        signer.addSigner(content, first, both, CadesParameters.builder(CadesLevel.BASELINE_B).build(), key("bob"));

        assertThat(new CMSSignedData(Files.readAllBytes(both)).getSignerInfos().size()).isEqualTo(2);
        assertThat(opensslVerify(both, content)).contains("CMS Verification successful");
        assertThat(dss(both, content, true)).containsExactlyInAnyOrder(
                "TOTAL_PASSED CAdES-BASELINE-B CN=alice", "TOTAL_PASSED CAdES-BASELINE-B CN=bob");
    }

    @Test
    void parallelSignerForOtherContentIsRefused() throws Exception {
        Path first = dir.resolve("1.p7s");
        signer.sign(content, first, CadesParameters.builder(CadesLevel.BASELINE_B).build(), key("alice"));
        Path other = dir.resolve("other.csv");
        Files.writeString(other, "something else");

        assertThatThrownBy(() -> signer.addSigner(other, first, dir.resolve("2.p7s"),
                CadesParameters.builder(CadesLevel.BASELINE_B).build(), key("bob")))
                .isInstanceOf(DocumentRejectedException.class)
                .hasMessage("1.p7s is not a signature of other.csv (message digest differs)");
    }

    @Test
    void sealgateAttributesAreSigned() throws Exception {
        Path p7s = dir.resolve("po-17.csv.p7s");

        signer.sign(content, p7s, CadesParameters.builder(CadesLevel.BASELINE_B).processStepId("approve")
                .requestId("req-42").processManifest("{\"template\":\"purchase\"}").build(), key("alice"));

        SignerInformation info = new CMSSignedData(Files.readAllBytes(p7s)).getSignerInfos().iterator().next();
        assertThat(signedText(info, SealgateAttributes.PROCESS_STEP_ID)).isEqualTo("approve");
        assertThat(signedText(info, SealgateAttributes.REQUEST_ID)).isEqualTo("req-42");
        assertThat(signedText(info, SealgateAttributes.PROCESS_MANIFEST)).isEqualTo("{\"template\":\"purchase\"}");
    }

    private static SigningKey key(String user) throws SigningException {
        return vault.key(user, KeyUse.ownKey(user, "po-17.csv"));
    }

    private static String stepOf(SignerInformation info) {
        return signedText(info, SealgateAttributes.PROCESS_STEP_ID);
    }

    private static String signedText(SignerInformation info, String oid) {
        return DERUTF8String.getInstance(info.getSignedAttributes().get(new ASN1ObjectIdentifier(oid))
                .getAttrValues().getObjectAt(0)).getString();
    }

    private String opensslVerify(Path p7s, Path data) throws Exception {
        return ExternalTool.run("openssl", "cms", "-verify", "-binary", "-inform", "DER", "-in", p7s.toString(),
                "-content", data.toString(), "-CAfile", root.toString(), "-out", "/dev/null");
    }

    /** "INDICATION [SUBINDICATION] FORMAT SIGNER-CN" per signature, from EU DSS with only the dev CA trusted. */
    private List<String> dss(Path p7s, Path data, boolean withCrl) throws Exception {
        SignedDocumentValidator validator = SignedDocumentValidator.fromDocument(new FileDocument(p7s.toFile()));
        validator.setDetachedContents(List.of(new FileDocument(data.toFile())));
        // With a CRL: as if DSS had fetched the dev CA's current CRL online.
        validator.setCertificateVerifier(OfflineDss.verifier(ca.root(),
                withCrl ? List.of(revocation.crl()) : List.of()));
        SimpleReport report = validator.validateDocument().getSimpleReport();
        Map<String, String> outcomes = new LinkedHashMap<>();
        for (String id : report.getSignatureIdList()) {
            String sub = report.getSubIndication(id) == null ? "" : " " + report.getSubIndication(id);
            String cn = report.getSignedBy(id);
            outcomes.put(id, report.getIndication(id) + sub + " " + report.getSignatureFormat(id).toString()
                    .replace('_', '-') + " CN=" + cn);
        }
        return new ArrayList<>(outcomes.values());
    }
}
