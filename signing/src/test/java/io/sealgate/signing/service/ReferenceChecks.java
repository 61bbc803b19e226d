package io.sealgate.signing.service;

import io.sealgate.signing.testing.ExternalTool;
import io.sealgate.signing.testing.OfflineDss;

import eu.europa.esig.dss.enumerations.Indication;
import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.model.FileDocument;
import eu.europa.esig.dss.simplereport.SimpleReport;
import eu.europa.esig.dss.validation.SignedDocumentValidator;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

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
        validator.setCertificateVerifier(OfflineDss.verifier(root, List.of()));
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
    static List<String> pdfsigValidations(Path pdf) {
        String out = ExternalTool.run("pdfsig", pdf.toString());
        List<String> result = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (line.contains("- Signature Validation:")) {
                result.add(line.substring(line.indexOf(':') + 1).trim());
            }
        }
        return result;
    }
}
