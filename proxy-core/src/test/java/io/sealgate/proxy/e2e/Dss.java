package io.sealgate.proxy.e2e;

import eu.europa.esig.dss.model.FileDocument;
import eu.europa.esig.dss.simplereport.SimpleReport;
import eu.europa.esig.dss.spi.DSSUtils;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import eu.europa.esig.dss.spi.x509.CommonTrustedCertificateSource;
import eu.europa.esig.dss.validation.SignedDocumentValidator;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * EU DSS as the reference validator of what the end-to-end tests store, set up like the signing tests'
 * {@code OfflineDss} but trusting several roots (one per organisation): offline (no AIA, OCSP or CRL fetching), so
 * revocation evidence must come from the document itself.
 */
final class Dss {

    private Dss() {
    }

    /** One {@code "INDICATION signer"} per signature DSS finds, in its order. */
    static List<String> indications(Path pdf, X509Certificate... roots) throws Exception {
        CommonTrustedCertificateSource trusted = new CommonTrustedCertificateSource();
        for (X509Certificate root : roots) {
            trusted.addCertificate(DSSUtils.loadCertificate(root.getEncoded()));
        }
        CommonCertificateVerifier verifier = new CommonCertificateVerifier();
        verifier.setTrustedCertSources(trusted);
        verifier.setAIASource(null);
        verifier.setOcspSource(null);
        verifier.setCrlSource(null);
        SignedDocumentValidator validator = SignedDocumentValidator.fromDocument(new FileDocument(pdf.toFile()));
        validator.setCertificateVerifier(verifier);
        SimpleReport report = validator.validateDocument().getSimpleReport();
        List<String> out = new ArrayList<>();
        for (String id : report.getSignatureIdList()) {
            String sub = report.getSubIndication(id) == null ? "" : " " + report.getSubIndication(id);
            out.add(report.getIndication(id) + sub + " " + report.getSignedBy(id));
        }
        return out;
    }
}
