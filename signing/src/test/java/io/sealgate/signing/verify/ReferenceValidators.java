package io.sealgate.signing.verify;

import eu.europa.esig.dss.enumerations.Indication;
import eu.europa.esig.dss.model.FileDocument;
import eu.europa.esig.dss.model.x509.revocation.crl.CRL;
import eu.europa.esig.dss.simplereport.SimpleReport;
import eu.europa.esig.dss.spi.DSSUtils;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import eu.europa.esig.dss.spi.x509.CommonTrustedCertificateSource;
import eu.europa.esig.dss.spi.x509.revocation.RevocationToken;
import eu.europa.esig.dss.spi.x509.revocation.crl.CRLSource;
import eu.europa.esig.dss.spi.x509.revocation.crl.CRLToken;
import eu.europa.esig.dss.spi.x509.revocation.crl.ExternalResourcesCRLSource;
import eu.europa.esig.dss.validation.SignedDocumentValidator;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

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
        validator.setCertificateVerifier(verifier(anchor, crls));
        return validator.validateDocument().getSimpleReport();
    }

    static CommonCertificateVerifier verifier(X509Certificate anchor, List<byte[]> crls) {
        CommonCertificateVerifier verifier = new CommonCertificateVerifier();
        CommonTrustedCertificateSource trusted = new CommonTrustedCertificateSource();
        try {
            trusted.addCertificate(DSSUtils.loadCertificate(anchor.getEncoded()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        verifier.setTrustedCertSources(trusted);
        verifier.setAIASource(null);
        verifier.setOcspSource(null);
        ExternalResourcesCRLSource external = new ExternalResourcesCRLSource(
                crls.stream().map(ByteArrayInputStream::new).toArray(InputStream[]::new));
        verifier.setCrlSource((CRLSource) (cert, issuer) -> {
            List<RevocationToken<CRL>> tokens = external.getRevocationTokens(cert, issuer);
            return tokens.isEmpty() ? null : (CRLToken) tokens.get(0);
        });
        return verifier;
    }

    /** One entry per signature pdfsig reports, e.g. {@code Signature is Valid., total}; or its error. */
    static List<String> pdfsig(Path pdf) {
        String output = run("pdfsig", "-nocert", pdf.toString());
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

    private static String run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish");
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command[0] + " (is poppler-utils installed?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
