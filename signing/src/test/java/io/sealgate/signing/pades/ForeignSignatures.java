package io.sealgate.signing.pades;

import io.sealgate.signing.SigningKey;

import eu.europa.esig.dss.enumerations.CertificationPermission;
import eu.europa.esig.dss.enumerations.DigestAlgorithm;
import eu.europa.esig.dss.enumerations.SignatureAlgorithm;
import eu.europa.esig.dss.enumerations.SignatureLevel;
import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.model.FileDocument;
import eu.europa.esig.dss.model.SignatureValue;
import eu.europa.esig.dss.model.ToBeSigned;
import eu.europa.esig.dss.pades.PAdESSignatureParameters;
import eu.europa.esig.dss.pades.signature.PAdESService;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;

import java.nio.file.Path;
import java.util.stream.Collectors;

/** Signatures made by another tool, EU DSS's {@code PAdESService}, for Sealgate to stack on or refuse. */
final class ForeignSignatures {

    private ForeignSignatures() {
    }

    static Path signedByDss(Path in, Path out, SigningKey key) throws Exception {
        return dssSign(in, out, key, null);
    }

    static Path certifiedByDss(Path in, Path out, SigningKey key, CertificationPermission permission)
            throws Exception {
        return dssSign(in, out, key, permission);
    }

    private static Path dssSign(Path in, Path out, SigningKey key, CertificationPermission permission)
            throws Exception {
        PAdESService service = new PAdESService(new CommonCertificateVerifier());
        PAdESSignatureParameters params = new PAdESSignatureParameters();
        params.setSignatureLevel(SignatureLevel.PAdES_BASELINE_B);
        params.setDigestAlgorithm(DigestAlgorithm.SHA256);
        params.setSigningCertificate(DssValidation.token(key.certificate()));
        params.setCertificateChain(key.certificateChain().stream().map(DssValidation::token)
                .collect(Collectors.toList()));
        if (permission != null) {
            params.setPermission(permission);
        }
        DSSDocument document = new FileDocument(in.toFile());
        ToBeSigned toBeSigned = service.getDataToSign(document, params);
        boolean ec = "EC".equals(key.keyAlgorithm());
        SignatureValue value = new SignatureValue(ec ? SignatureAlgorithm.ECDSA_SHA256 : SignatureAlgorithm.RSA_SHA256,
                key.sign(ec ? "SHA256withECDSA" : "SHA256withRSA", toBeSigned.getBytes()));
        service.signDocument(document, params, value).save(out.toString());
        return out;
    }
}
