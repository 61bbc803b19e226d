package io.sealgate.signing.pades;

import eu.europa.esig.dss.enumerations.Indication;
import eu.europa.esig.dss.enumerations.SignatureLevel;
import eu.europa.esig.dss.model.FileDocument;
import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.simplereport.SimpleReport;
import eu.europa.esig.dss.spi.DSSUtils;
import eu.europa.esig.dss.validation.SignedDocumentValidator;
import eu.europa.esig.dss.validation.reports.Reports;

import io.sealgate.signing.testing.OfflineDss;

import java.nio.file.Path;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Validates a signed PDF with EU DSS, offline: the only trust anchor is the test root, and no revocation source
 * is configured, so revocation evidence can only come from the document itself.
 */
final class DssValidation {

    private DssValidation() {
    }

    /**
     * @param crls CRLs the verifier may use besides the document's own evidence (DER); none for LT and LTA, whose
     *             evidence must be in the document
     */
    static SimpleReport validate(Path pdf, X509Certificate trustAnchor, byte[]... crls) {
        SignedDocumentValidator validator = SignedDocumentValidator.fromDocument(new FileDocument(pdf.toFile()));
        validator.setCertificateVerifier(OfflineDss.verifier(trustAnchor, Arrays.asList(crls)));
        Reports reports = validator.validateDocument();
        return reports.getSimpleReport();
    }

    /** Signature id → "INDICATION FORMAT", in document order, for readable assertions. */
    static Map<String, String> outcomes(SimpleReport report) {
        Map<String, String> result = new LinkedHashMap<>();
        for (String id : report.getSignatureIdList()) {
            Indication indication = report.getIndication(id);
            SignatureLevel format = report.getSignatureFormat(id);
            String sub = report.getSubIndication(id) == null ? "" : " " + report.getSubIndication(id);
            result.put(id, indication + sub + " " + format);
        }
        return result;
    }

    static CertificateToken token(X509Certificate c) {
        try {
            return DSSUtils.loadCertificate(c.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
