package io.sealgate.signing.cades;

import io.sealgate.signing.RevocationSource;
import io.sealgate.signing.RevocationSource.RevocationData;
import io.sealgate.signing.SigningException;
import io.sealgate.signing.SigningKey;

import org.bouncycastle.asn1.ASN1Set;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.OtherRevocationInfoFormat;
import org.bouncycastle.asn1.ocsp.OCSPResponse;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.tsp.TimeStampToken;
import org.bouncycastle.util.CollectionStore;

import java.io.IOException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * B-LT: puts the certificate chains of the signer and of every signature-time-stamp's TSA, and revocation evidence
 * for them, into {@code SignedData.certificates} and {@code SignedData.crls} (OCSP responses as
 * {@code id-ri-ocsp-response} other revocation info, RFC 5940), where EN 319 122-1 baseline LT expects them.
 */
final class ValidationData {

    private ValidationData() {
    }

    static CMSSignedData addIfNeeded(CMSSignedData signed, CadesParameters params, SigningKey key)
            throws SigningException {
        if (!params.level().needsValidationData()) {
            return signed;
        }
        RevocationSource revocation = params.revocationSource().orElseThrow();
        List<X509Certificate> certificates = new ArrayList<>(key.certificateChain());
        List<RevocationData> evidence = new ArrayList<>();
        evidence.add(revocation.collect(key.certificateChain()));
        for (List<X509Certificate> tsaChain : timestampChains(signed)) {
            certificates.addAll(tsaChain);
            evidence.add(revocation.collect(tsaChain));
        }
        try {
            Map<String, X509CertificateHolder> certs = existingCertificates(signed);
            for (X509Certificate c : certificates) {
                X509CertificateHolder h = new JcaX509CertificateHolder(c);
                certs.putIfAbsent(java.util.HexFormat.of().formatHex(h.getEncoded()), h);
            }
            List<Object> revocations = existingRevocations(signed);
            for (RevocationData data : evidence) {
                for (byte[] crl : data.crls()) {
                    revocations.add(new X509CRLHolder(crl));
                }
                for (byte[] ocsp : data.ocspResponses()) {
                    revocations.add(new OtherRevocationInfoFormat(CMSObjectIdentifiers.id_ri_ocsp_response,
                            OCSPResponse.getInstance(ocsp)));
                }
            }
            return CMSSignedData.replaceCertificatesAndCRLs(signed, new CollectionStore<>(certs.values()),
                    signed.getAttributeCertificates(), new CollectionStore<>(revocations));
        } catch (CMSException | IOException | java.security.cert.CertificateEncodingException e) {
            throw new SigningException("cannot add validation data to the signature: " + e.getMessage(), e);
        }
    }

    /** Adds certificates (e.g. a new signer's chain) to {@code SignedData.certificates}, without duplicates. */
    static CMSSignedData addCertificates(CMSSignedData signed, List<X509Certificate> chain) throws SigningException {
        try {
            Map<String, X509CertificateHolder> certs = existingCertificates(signed);
            for (X509Certificate c : chain) {
                X509CertificateHolder h = new JcaX509CertificateHolder(c);
                certs.putIfAbsent(java.util.HexFormat.of().formatHex(h.getEncoded()), h);
            }
            return CMSSignedData.replaceCertificatesAndCRLs(signed, new CollectionStore<>(certs.values()),
                    signed.getAttributeCertificates(), new CollectionStore<>(existingRevocations(signed)));
        } catch (CMSException | IOException | java.security.cert.CertificateEncodingException e) {
            throw new SigningException("cannot add certificates to the signature: " + e.getMessage(), e);
        }
    }

    /** CRLs and OCSP responses already in the signature, in the form the replacing store expects. */
    @SuppressWarnings("unchecked")
    private static List<Object> existingRevocations(CMSSignedData signed) {
        List<Object> out = new ArrayList<>(signed.getCRLs().getMatches(null));
        for (Object ocsp : signed.getOtherRevocationInfo(CMSObjectIdentifiers.id_ri_ocsp_response).getMatches(null)) {
            out.add(new OtherRevocationInfoFormat(CMSObjectIdentifiers.id_ri_ocsp_response,
                    (org.bouncycastle.asn1.ASN1Encodable) ocsp));
        }
        return out;
    }

    private static Map<String, X509CertificateHolder> existingCertificates(CMSSignedData signed) throws IOException {
        Map<String, X509CertificateHolder> certs = new LinkedHashMap<>();
        for (X509CertificateHolder h : signed.getCertificates().getMatches(null)) {
            certs.put(java.util.HexFormat.of().formatHex(h.getEncoded()), h);
        }
        return certs;
    }

    /** The TSA chains (TSA first) of the signature-time-stamps on every signer and counter-signer. */
    private static List<List<X509Certificate>> timestampChains(CMSSignedData signed) throws SigningException {
        List<List<X509Certificate>> chains = new ArrayList<>();
        List<SignerInformation> all = new ArrayList<>();
        for (SignerInformation s : signed.getSignerInfos().getSigners()) {
            all.add(s);
            all.addAll(CounterSignatures.chain(s));
        }
        for (SignerInformation s : all) {
            if (s.getUnsignedAttributes() == null) {
                continue;
            }
            for (Attribute a : attributes(s)) {
                ASN1Set values = a.getAttrValues();
                try {
                    TimeStampToken token = new TimeStampToken(new CMSSignedData(values.getObjectAt(0)
                            .toASN1Primitive().getEncoded()));
                    chains.add(chain(token));
                } catch (Exception e) {
                    throw new SigningException("cannot read a signature-time-stamp: " + e.getMessage(), e);
                }
            }
        }
        return chains;
    }

    private static Attribute[] attributes(SignerInformation s) {
        var vector = s.getUnsignedAttributes().getAll(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken);
        Attribute[] out = new Attribute[vector.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = Attribute.getInstance(vector.get(i));
        }
        return out;
    }

    /** The TSA's certificate first, then issuers found among the token's certificates. */
    private static List<X509Certificate> chain(TimeStampToken token) throws CertificateException {
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        @SuppressWarnings("unchecked")
        Collection<X509CertificateHolder> pool = token.getCertificates().getMatches(null);
        @SuppressWarnings("unchecked")
        Collection<X509CertificateHolder> signer = token.getCertificates().getMatches(token.getSID());
        List<X509Certificate> chain = new ArrayList<>();
        X509CertificateHolder current = signer.isEmpty() ? null : signer.iterator().next();
        while (current != null && chain.size() < 10) {
            chain.add(converter.getCertificate(current));
            if (current.getSubject().equals(current.getIssuer())) {
                break;
            }
            X509CertificateHolder child = current;
            current = pool.stream().filter(p -> p.getSubject().equals(child.getIssuer())).findFirst().orElse(null);
        }
        return chain;
    }
}
