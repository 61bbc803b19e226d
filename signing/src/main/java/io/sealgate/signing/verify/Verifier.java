package io.sealgate.signing.verify;

import io.sealgate.signing.RevocationSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Verifies signed documents: PDFs (every signature and document timestamp, what changed after each, the
 * embedded process) and CAdES {@code .p7s} signatures over detached content. The entry point of
 * {@code sealgate verify} and of the HTTP verify API; the result is a {@link VerificationReport}, serialised with
 * {@link ReportJson}.
 *
 * <p>A certificate is trusted only when its path leads to one of the configured trust anchors; revocation
 * information comes from the document, else from the {@link RevocationSource} when one is configured (none: fully
 * offline). Documents are read into memory, up to {@code maxDocumentBytes}. Immutable and thread-safe.
 */
public final class Verifier {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Verifier.class);

    /** The default limit on a document's size (and on CAdES content): 256 MiB. */
    public static final long DEFAULT_MAX_DOCUMENT_BYTES = 256L * 1024 * 1024;

    private final List<X509Certificate> trustAnchors;
    private final Optional<RevocationSource> revocationSource;
    private final Clock clock;
    private final long maxDocumentBytes;

    private Verifier(Builder b) {
        this.trustAnchors = List.copyOf(b.trustAnchors);
        this.revocationSource = Optional.ofNullable(b.revocationSource);
        this.clock = b.clock;
        this.maxDocumentBytes = b.maxDocumentBytes;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Verifies the file at {@code document}: a PDF, or a CMS signature ({@code .p7s}, DER or PEM) whose signed
     * content is {@code content}.
     *
     * @throws VerificationException when a file cannot be read, is too large, or is neither a PDF nor a CMS
     *         signature
     */
    public VerificationReport verify(Path document, Optional<Path> content) throws VerificationException {
        return verify(String.valueOf(document.getFileName()), document.toString(), document, content,
                content.map(Path::toString).orElse(""));
    }

    /**
     * {@link #verify(Path, Optional)} for a file whose name in the report and in error messages is {@code name},
     * such as an upload spooled to a temporary file (whose path must not reach the uploader).
     *
     * @throws VerificationException as {@link #verify(Path, Optional)}, naming {@code name} instead of the path
     */
    public VerificationReport verify(String name, Path document, Optional<Path> content)
            throws VerificationException {
        return verify(name, name, document, content, "the content of " + name);
    }

    private VerificationReport verify(String name, String shownAs, Path document, Optional<Path> content,
                                      String contentShownAs) throws VerificationException {
        byte[] data = read(document, shownAs);
        if (isPdf(data)) {
            if (content.isPresent()) {
                throw new VerificationException("--content is for CAdES signatures; " + name + " is a PDF");
            }
            return verifyPdf(name, data);
        }
        return verifyCades(name, data, content.isPresent() ? read(content.get(), contentShownAs) : null);
    }

    /** Verifies a PDF held in memory; {@code name} is used in the report only. */
    public VerificationReport verifyPdf(String name, byte[] pdf) {
        Instant now = clock.instant();
        PdfVerification.Outcome outcome;
        try (PdfRevisions revisions = new PdfRevisions(pdf)) {
            outcome = new PdfVerification(revisions, paths(), now).run();
        } catch (RuntimeException | StackOverflowError e) {
            // a document that trips the parser is not trusted: fail closed with a report, not an exception
            log.debug("verification of {} stopped", name, e);
            outcome = new PdfVerification.Outcome(List.of(), null, List.of(),
                    List.of("the PDF could not be analysed: " + e), 0);
        }
        return report(name, "PDF", pdf.length, sha256(pdf), now, outcome);
    }

    /**
     * Verifies a CAdES signature; {@code content} is the detached signed content, or null when the signature
     * encapsulates it.
     *
     * @throws VerificationException when {@code signature} is not a CMS signature, or is detached and no content
     *         was given
     */
    public VerificationReport verifyCades(String name, byte[] signature, byte[] content)
            throws VerificationException {
        Instant now = clock.instant();
        byte[] der = Pem.derOf(signature);
        PdfVerification.Outcome outcome = new CadesVerification(paths(), now).run(der, content);
        return report(name, "CADES", signature.length, sha256(content == null ? der : content), now, outcome);
    }

    private CertificatePaths paths() {
        return new CertificatePaths(trustAnchors, revocationSource);
    }

    private static VerificationReport report(String name, String format, long size, String sha256, Instant now,
                                             PdfVerification.Outcome o) {
        VerdictRules.Result v = VerdictRules.decide(o.signatures(), o.process(), o.changes(), o.problems());
        return new VerificationReport(name, format, size, sha256, now.toString(), v.verdict(), v.summary(),
                o.revisions(), o.signatures(), o.process(), o.changes(), o.problems());
    }

    /** Reads {@code file}; messages call it {@code shownAs}. */
    private byte[] read(Path file, String shownAs) throws VerificationException {
        try {
            long size = Files.size(file);
            if (size > maxDocumentBytes) {
                throw new VerificationException("cannot verify " + shownAs + ": " + size
                        + " bytes (expected: at most " + maxDocumentBytes + ")");
            }
            try (InputStream in = Files.newInputStream(file)) {
                return in.readAllBytes();
            }
        } catch (NoSuchFileException e) {
            throw new VerificationException("cannot read " + shownAs + ": no such file", e);
        } catch (IOException e) {
            throw new VerificationException("cannot read " + shownAs + ": " + e.getMessage(), e);
        }
    }

    private static boolean isPdf(byte[] data) {
        int n = Math.min(data.length, 1024);
        return new String(data, 0, n, StandardCharsets.ISO_8859_1).contains("%PDF-");
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /** Builds a {@link Verifier}. */
    public static final class Builder {
        private final List<X509Certificate> trustAnchors = new ArrayList<>();
        private RevocationSource revocationSource;
        private Clock clock = Clock.systemUTC();
        private long maxDocumentBytes = DEFAULT_MAX_DOCUMENT_BYTES;

        private Builder() {
        }

        /** Certificates to trust (root or intermediate); a signature chaining to none is indeterminate. */
        public Builder trustAnchors(Collection<X509Certificate> anchors) {
            anchors.forEach(a -> trustAnchors.add(Objects.requireNonNull(a, "anchor")));
            return this;
        }

        /** Where to fetch revocation status the document does not carry; unset: offline. */
        public Builder revocationSource(RevocationSource source) {
            this.revocationSource = source;
            return this;
        }

        /** The clock giving the verification time (for signatures without a trusted timestamp). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public Builder maxDocumentBytes(long bytes) {
            if (bytes <= 0) {
                throw new IllegalArgumentException("maxDocumentBytes: " + bytes + " (expected: > 0)");
            }
            this.maxDocumentBytes = bytes;
            return this;
        }

        public Verifier build() {
            return new Verifier(this);
        }
    }
}
