package io.sealgate.signing.verify;

import eu.europa.esig.dss.enumerations.Indication;
import eu.europa.esig.dss.model.FileDocument;
import eu.europa.esig.dss.simplereport.SimpleReport;
import eu.europa.esig.dss.validation.SignedDocumentValidator;

import io.sealgate.signing.testing.ExternalTool;
import io.sealgate.signing.testing.OfflineDss;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Validators nobody on the team wrote: EU DSS (offline, one trust anchor, CRLs given) and poppler's {@code pdfsig}
 * (signatures only, {@code -nocert}: its NSS database does not know our test PKI).
 */
final class ReferenceValidators {

    private ReferenceValidators() {
    }

    /** DSS's indication per signature, in document order, e.g. {@code TOTAL_PASSED}; or the exception's text. */
    static List<String> dss(Path pdf, X509Certificate anchor, List<byte[]> crls) {
        try {
            SimpleReport report = dssReport(pdf, anchor, crls);
            List<String> out = new ArrayList<>();
            for (String id : report.getSignatureIdList()) {
                Indication indication = report.getIndication(id);
                out.add(indication + (report.getSubIndication(id) == null ? "" : "/" + report.getSubIndication(id)));
            }
            return out;
        } catch (RuntimeException e) {
            return List.of("error: " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    static SimpleReport dssReport(Path pdf, X509Certificate anchor, List<byte[]> crls) {
        SignedDocumentValidator validator = SignedDocumentValidator.fromDocument(new FileDocument(pdf.toFile()));
        validator.setCertificateVerifier(OfflineDss.verifier(anchor, crls));
        return validator.validateDocument().getSimpleReport();
    }

    /** One entry per signature pdfsig reports, e.g. {@code Signature is Valid., total}; or its error. */
    static List<String> pdfsig(Path pdf) {
        String output = ExternalTool.run("pdfsig", "-nocert", pdf.toString());
        List<String> out = new ArrayList<>();
        String validation = null;
        String coverage = "partial";
        for (String line : (output + "\nSignature #end").split("\n")) {
            if (line.startsWith("Signature #")) {
                if (validation != null) {
                    out.add(validation + ", " + coverage);
                }
                validation = "?";
                coverage = "partial";
            } else if (line.contains("- Signature Validation:")) {
                validation = line.substring(line.indexOf(':') + 1).trim();
            } else if (line.contains("Total document signed")) {
                coverage = "total";
            }
        }
        if (out.isEmpty()) {
            out.add(output.lines().findFirst().orElse("").trim());
        }
        return out;
    }

    /**
     * Writes {@code record} (row name &rarr; {@code "Sealgate | EU DSS | pdfsig"}) to {@code target/<file>} as a
     * Markdown table whose first column is headed {@code subject}: the three validators' verdicts side by side.
     */
    static void writeRecord(String subject, Map<String, String> record, String file) throws IOException {
        StringBuilder md = new StringBuilder("| " + subject + " | Sealgate | EU DSS | pdfsig -nocert |\n")
                .append("|---|---|---|---|\n");
        record.forEach((k, v) -> md.append("| ").append(k).append(" | ").append(v).append(" |\n"));
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", file), md);
    }
}
