package io.sealgate.signing.service;

import eu.europa.esig.dss.enumerations.Indication;
import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.model.FileDocument;
import eu.europa.esig.dss.simplereport.SimpleReport;
import eu.europa.esig.dss.spi.DSSUtils;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import eu.europa.esig.dss.spi.x509.CommonTrustedCertificateSource;
import eu.europa.esig.dss.validation.SignedDocumentValidator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Checks by tools nobody on the team wrote: EU DSS, offline, trusting only the dev CA root (revocation evidence must
 * come from the document), and poppler's {@code pdfsig}.
 */
final class ReferenceChecks {

    private ReferenceChecks() {
    }

    /** One {@code "INDICATION signer"} per signature DSS finds, in its order. */
    static List<String> dss(Path signed, Path detachedContent, X509Certificate root) {
        SignedDocumentValidator validator = SignedDocumentValidator.fromDocument(new FileDocument(signed.toFile()));
        if (detachedContent != null) {
            validator.setDetachedContents(List.<DSSDocument>of(new FileDocument(detachedContent.toFile())));
        }
        CommonCertificateVerifier verifier = new CommonCertificateVerifier();
        CommonTrustedCertificateSource trusted = new CommonTrustedCertificateSource();
        try {
            trusted.addCertificate(DSSUtils.loadCertificate(root.getEncoded()));
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
        verifier.setTrustedCertSources(trusted);
        verifier.setAIASource(null);
        verifier.setOcspSource(null);
        verifier.setCrlSource(null);
        validator.setCertificateVerifier(verifier);
        SimpleReport report = validator.validateDocument().getSimpleReport();
        List<String> out = new ArrayList<>();
        for (String id : report.getSignatureIdList()) {
            Indication indication = report.getIndication(id);
            String sub = report.getSubIndication(id) == null ? "" : " " + report.getSubIndication(id);
            out.add(indication + sub + " " + report.getSignedBy(id));
        }
        return out;
    }

    /** {@code pdfsig}'s "Signature Validation" line of every signature, in order. */
    static List<String> pdfsigValidations(Path pdf) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("pdfsig", pdf.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("pdfsig did not finish");
        }
        List<String> result = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (line.contains("- Signature Validation:")) {
                result.add(line.substring(line.indexOf(':') + 1).trim());
            }
        }
        return result;
    }
}
