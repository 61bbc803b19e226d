package io.sealgate.signing.tsa;

import io.sealgate.signing.SealgateAttributes;
import io.sealgate.signing.SigningException;
import io.sealgate.signing.SigningKey;
import io.sealgate.signing.TimestampSource;
import io.sealgate.signing.keys.DevCa;
import io.sealgate.signing.keys.KeyAlgorithm;
import io.sealgate.signing.keys.KeyVault;
import io.sealgate.signing.keys.SigningKeyContentSigner;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.SignerInfoGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampTokenGenerator;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.Date;

import javax.security.auth.x500.X500Principal;

/**
 * A timestamp authority inside Sealgate: RFC 3161 tokens signed by a token key ({@value #LABEL}) whose certificate the
 * dev CA issued with the critical extended key usage timeStamping. It makes B-T and above work out of the box; its
 * time is this host's clock, so production setups should use a qualified TSA through {@link Rfc3161Client}.
 *
 * <p>Tokens carry signing-certificate-v2, the TSA chain, a random 128-bit serial and one second of accuracy under the
 * policy {@link SealgateAttributes#EMBEDDED_TSA_POLICY}.
 */
public final class EmbeddedTsa implements TimestampSource {

    /** The label of the TSA key in the token. */
    public static final String LABEL = "sealgate-tsa";

    private static final BouncyCastleProvider BC = new BouncyCastleProvider();
    private static final SecureRandom SERIALS = new SecureRandom();

    private final KeyVault vault;

    private EmbeddedTsa(KeyVault vault) {
        this.vault = vault;
    }

    /** Returns the embedded TSA, enrolling its key and certifying it with {@code ca} first when missing. */
    public static EmbeddedTsa initialize(KeyVault vault, DevCa ca, String organisation) throws SigningException {
        if (vault.info(LABEL).isEmpty()) {
            vault.enroll(LABEL, KeyAlgorithm.EC_P256,
                    new X500Principal("CN=Sealgate Embedded TSA, O=" + organisation.replace(",", "\\,")));
            ca.certify(LABEL, DevCa.Profile.TIMESTAMPING);
        }
        return open(vault);
    }

    /** The embedded TSA of this vault; its key must exist and be certified. */
    public static EmbeddedTsa open(KeyVault vault) throws SigningException {
        vault.systemKey(LABEL);
        return new EmbeddedTsa(vault);
    }

    /** The TSA certificate. */
    public X509Certificate certificate() throws SigningException {
        return vault.systemKey(LABEL).certificate();
    }

    @Override
    public byte[] timestamp(byte[] sha256Digest) throws SigningException {
        SigningKey key = vault.systemKey(LABEL);
        TimeStampRequestGenerator requests = new TimeStampRequestGenerator();
        requests.setCertReq(true);
        TimeStampRequest request = requests.generate(TSPAlgorithms.SHA256, sha256Digest);
        try {
            DigestCalculatorProvider digests = new JcaDigestCalculatorProviderBuilder().setProvider(BC).build();
            SignerInfoGenerator signer = new JcaSignerInfoGeneratorBuilder(digests).build(
                    new SigningKeyContentSigner(key, SigningKeyContentSigner.defaultAlgorithm(key)),
                    key.certificate());
            TimeStampTokenGenerator generator = new TimeStampTokenGenerator(signer,
                    digests.get(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256)),
                    new ASN1ObjectIdentifier(SealgateAttributes.EMBEDDED_TSA_POLICY));
            generator.setAccuracySeconds(1);
            generator.addCertificates(new JcaCertStore(key.certificateChain()));
            return generator.generate(request, new BigInteger(128, SERIALS), new Date()).getEncoded();
        } catch (Exception e) {
            SigningException inner = SigningKeyContentSigner.unwrap(e);
            if (inner != null) {
                throw inner;
            }
            throw new SigningException("embedded TSA cannot make a timestamp token: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "EmbeddedTsa[" + LABEL + "]";
    }
}
