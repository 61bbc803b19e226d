package io.sealgate.signing.cades;

import io.sealgate.signing.DocumentRejectedException;
import io.sealgate.signing.SigningException;
import io.sealgate.signing.SigningKey;
import io.sealgate.signing.keys.SigningKeyContentSigner;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableFile;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.SignerInformationStore;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;

/**
 * Detached CAdES signatures over files of any type, written as DER {@code .p7s}. The content is streamed through the
 * digest (never held in memory); the token signs the DER of the signed attributes.
 *
 * <p>Stacking: {@link #counterSign} records order by nesting: each new approver counter-signs the signature made
 * last (the deepest counter-signature of the first signer), so the structure itself says who came after whom.
 * {@link #addSigner} adds an independent, parallel signer info over the same content.
 */
public final class CadesSigner {

    private static final BouncyCastleProvider BC = new BouncyCastleProvider();

    private final Clock clock;

    public CadesSigner() {
        this(Clock.systemUTC());
    }

    public CadesSigner(Clock clock) {
        this.clock = clock;
    }

    /** Signs {@code content}; writes a detached signature with one signer info to {@code out}. */
    public void sign(Path content, Path out, CadesParameters params, SigningKey key) throws SigningException {
        CMSSignedData signed = signDetached(content, params, key);
        write(out, ValidationData.addIfNeeded(signed, params, key));
    }

    /**
     * Adds a parallel signer info over the same {@code content} to the signature in {@code existing}.
     *
     * @throws DocumentRejectedException when {@code existing} is not a detached signature of {@code content}
     */
    public void addSigner(Path content, Path existing, Path out, CadesParameters params, SigningKey key)
            throws SigningException {
        CMSSignedData previous = read(existing);
        checkBelongsTo(previous, content, existing);
        CMSSignedData added = signDetached(content, params, key);
        List<SignerInformation> signers = new ArrayList<>(previous.getSignerInfos().getSigners());
        signers.addAll(added.getSignerInfos().getSigners());
        CMSSignedData merged = CMSSignedData.replaceSigners(previous, new SignerInformationStore(signers));
        merged = ValidationData.addCertificates(merged, key.certificateChain());
        write(out, ValidationData.addIfNeeded(merged, params, key));
    }

    /**
     * Counter-signs the most recent signature in {@code existing}: the first signer info's deepest, latest
     * counter-signature, or the signer info itself when nobody counter-signed yet.
     */
    public void counterSign(Path existing, Path out, CadesParameters params, SigningKey key)
            throws SigningException {
        CMSSignedData previous = read(existing);
        List<SignerInformation> signers = new ArrayList<>(previous.getSignerInfos().getSigners());
        if (signers.isEmpty()) {
            throw new DocumentRejectedException(existing.getFileName() + " holds no signature to counter-sign");
        }
        try {
            CMSSignedDataGenerator generator = generator(params, key);
            SignerInformation first = signers.get(0);
            signers.set(0, CounterSignatures.appendToLatest(first, target -> {
                List<SignerInformation> counter = new ArrayList<>();
                for (SignerInformation c : generator.generateCounterSigners(target).getSigners()) {
                    counter.add(withProvidedAttributes(params.level().needsTimestamp()
                            ? CadesAttributes.withSignatureTimestamp(c, params.timestampSource().orElseThrow())
                            : c, params));
                }
                return new SignerInformationStore(counter);
            }));
        } catch (CMSException | RuntimeException e) {
            throw failure("counter-sign " + existing.getFileName(), key, e);
        }
        CMSSignedData result = CMSSignedData.replaceSigners(previous, new SignerInformationStore(signers));
        result = ValidationData.addCertificates(result, key.certificateChain());
        write(out, ValidationData.addIfNeeded(result, params, key));
    }

    private CMSSignedData signDetached(Path content, CadesParameters params, SigningKey key)
            throws SigningException {
        try {
            CMSSignedDataGenerator generator = generator(params, key);
            generator.addCertificates(new JcaCertStore(key.certificateChain()));
            CMSSignedData signed = generator.generate(new CMSProcessableFile(content.toFile()), false);
            if (!params.level().needsTimestamp() && params.unsignedAttributes().isEmpty()) {
                return signed;
            }
            List<SignerInformation> stamped = new ArrayList<>();
            for (SignerInformation s : signed.getSignerInfos().getSigners()) {
                stamped.add(withProvidedAttributes(params.level().needsTimestamp()
                        ? CadesAttributes.withSignatureTimestamp(s, params.timestampSource().orElseThrow()) : s,
                        params));
            }
            return CMSSignedData.replaceSigners(signed, new SignerInformationStore(stamped));
        } catch (CMSException | java.security.cert.CertificateEncodingException | RuntimeException e) {
            throw failure("sign " + content.getFileName(), key, e);
        }
    }

    /** {@code signer} with the attributes of {@link CadesParameters#unsignedAttributes()} added, if any. */
    private static SignerInformation withProvidedAttributes(SignerInformation signer, CadesParameters params)
            throws SigningException {
        if (params.unsignedAttributes().isEmpty()) {
            return signer;
        }
        AttributeTable unsigned = signer.getUnsignedAttributes() == null ? new AttributeTable(new Hashtable<>())
                : signer.getUnsignedAttributes();
        try {
            for (var a : params.unsignedAttributes().get().attributes(signer.getSignature()).entrySet()) {
                unsigned = unsigned.add(new ASN1ObjectIdentifier(a.getKey()), ASN1Primitive.fromByteArray(
                        a.getValue()));
            }
        } catch (IOException e) {
            throw new SigningException("cannot add an unsigned attribute: " + e.getMessage(), e);
        }
        return SignerInformation.replaceUnsignedAttributes(signer, unsigned);
    }

    private CMSSignedDataGenerator generator(CadesParameters params, SigningKey key) throws SigningException {
        AttributeTable attributes = CadesAttributes.signed(key.certificate(), params, clock.instant());
        try {
            CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
            generator.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(
                    new JcaDigestCalculatorProviderBuilder().setProvider(BC).build())
                    .setSignedAttributeGenerator(new DefaultSignedAttributeTableGenerator(attributes))
                    .build(new SigningKeyContentSigner(key, SigningKeyContentSigner.defaultAlgorithm(key)),
                            key.certificate()));
            return generator;
        } catch (org.bouncycastle.operator.OperatorCreationException
                 | java.security.cert.CertificateEncodingException e) {
            throw new SigningException("cannot prepare a CAdES signer for key '" + key.label() + "': "
                    + e.getMessage(), e);
        }
    }

    /** Fails closed when the first signer's message digest is not the content's. */
    private static void checkBelongsTo(CMSSignedData signed, Path content, Path existing) throws SigningException {
        SignerInformation first = signed.getSignerInfos().getSigners().iterator().next();
        var digestAttribute = first.getSignedAttributes().get(CMSAttributes.messageDigest);
        byte[] expected = org.bouncycastle.asn1.ASN1OctetString.getInstance(
                digestAttribute.getAttrValues().getObjectAt(0)).getOctets();
        try (InputStream in = Files.newInputStream(content)) {
            MessageDigest digest = MessageDigest.getInstance(first.getDigestAlgOID(), BC);
            byte[] buffer = new byte[65536];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            if (!MessageDigest.isEqual(expected, digest.digest())) {
                throw new DocumentRejectedException(existing.getFileName() + " is not a signature of "
                        + content.getFileName() + " (message digest differs)");
            }
        } catch (IOException | java.security.NoSuchAlgorithmException e) {
            throw new SigningException("cannot read " + content.getFileName() + ": " + e.getMessage(), e);
        }
    }

    private static CMSSignedData read(Path p7s) throws SigningException {
        try {
            return new CMSSignedData(Files.readAllBytes(p7s));
        } catch (IOException e) {
            throw new SigningException("cannot read " + p7s.getFileName() + ": " + e.getMessage(), e);
        } catch (CMSException | RuntimeException e) {
            throw new DocumentRejectedException(p7s.getFileName() + " is not a CMS signature: " + e.getMessage(), e);
        }
    }

    private static void write(Path out, CMSSignedData signed) throws SigningException {
        try {
            Files.write(out, signed.getEncoded("DER"));
        } catch (IOException e) {
            throw new SigningException("cannot write " + out + ": " + e.getMessage(), e);
        }
    }

    private static SigningException failure(String action, SigningKey key, Exception e) {
        SigningException inner = SigningKeyContentSigner.unwrap(e);
        if (inner != null) {
            return inner;
        }
        return new SigningException("cannot " + action + " with key '" + key.label() + "': " + e.getMessage(), e);
    }
}
