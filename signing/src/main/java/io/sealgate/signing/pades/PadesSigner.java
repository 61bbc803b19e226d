package io.sealgate.signing.pades;

import io.sealgate.signing.DocumentRejectedException;
import io.sealgate.signing.RevocationSource;
import io.sealgate.signing.SigningException;
import io.sealgate.signing.SigningKey;
import io.sealgate.signing.SigningUnavailableException;
import io.sealgate.signing.TimestampSource;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.SignatureOptions;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.GregorianCalendar;
import java.util.List;

/**
 * Signs a PDF with PAdES baseline signatures (ETSI EN 319 142-1) as incremental updates: every earlier revision,
 * and so every earlier signature, stays byte-identical, which is what lets the creator, each approver and the
 * organisation seal stack their signatures on one document.
 *
 * <p>One call appends one signature revision ({@code /Adobe.PPKLite}, {@code /ETSI.CAdES.detached}, a detached
 * CMS with SHA-256), and for {@link PadesLevel#BASELINE_LT} and above a {@code /DSS} revision, and for
 * {@link PadesLevel#BASELINE_LTA} a document timestamp revision. The input is read from disk on demand and the digest
 * is computed from the output file, so memory use does not grow with the document. The output appears atomically
 * (written beside {@code out}, then moved); on failure {@code out} is left untouched.
 *
 * <p>Thread-safe and stateless; calls may run in parallel on different files.
 */
public final class PadesSigner {

    /** Room for the CMS around the certificates: attributes, signer info, signature value. */
    private static final int CMS_BASE_RESERVE_BYTES = 2048;
    /** Room for a signature-time-stamp token, which carries the TSA's own certificates. */
    private static final int TIMESTAMP_RESERVE_BYTES = 16 * 1024;

    private final Clock clock;

    public PadesSigner() {
        this(Clock.systemUTC());
    }

    /** @param clock gives the signing time written to {@code /M} when the parameters do not fix one */
    public PadesSigner(Clock clock) {
        this.clock = clock;
    }

    /**
     * Signs {@code in} into {@code out} (which must be a different path) at {@code params.level()}.
     *
     * @throws DocumentRejectedException when {@code in} is not a PDF, cannot be parsed, is encrypted, or is
     *         certified with DocMDP P=1
     * @throws SigningUnavailableException when the token, TSA or a responder is unavailable
     * @throws SigningException for any other failure, with a message naming document and key
     */
    public void sign(Path in, Path out, PadesParameters params, SigningKey key) throws SigningException {
        String name = String.valueOf(in.getFileName());
        Path dir = out.toAbsolutePath().getParent();
        List<Path> temporaries = new ArrayList<>();
        try {
            if (Files.isSameFile(in, out)) {
                throw new IllegalArgumentException("out: " + out + " (expected: a path other than in)");
            }
        } catch (IOException ignored) {
            // out does not exist yet: certainly not the same file
        }
        try {
            Path signed = temporary(dir, temporaries);
            byte[] cms = appendSignature(in, signed, name, params, key);
            Path current = signed;
            if (params.level().needsValidationData()) {
                Path withDss = temporary(dir, temporaries);
                appendValidationData(current, withDss, name, cms, key, params.revocationSource().orElseThrow());
                // each stage holds a full copy of the document: keep at most two on disk at a time
                Files.delete(current);
                current = withDss;
            }
            if (params.level() == PadesLevel.BASELINE_LTA) {
                Path stamped = temporary(dir, temporaries);
                DocumentTimestamper.append(current, stamped, name, params.timestampSource().orElseThrow());
                Files.delete(current);
                current = stamped;
            }
            copyPermissions(in, current);
            moveIntoPlace(current, out);
        } catch (IOException e) {
            throw new SigningException("cannot sign " + name + " for " + key.label() + ": " + describe(e), e);
        } catch (RuntimeException e) {
            // PDFBox and Bouncy Castle signal some malformed input with unchecked exceptions; fail closed, with context
            throw new SigningException("cannot sign " + name + " for " + key.label() + ": unexpected " + e, e);
        } catch (DocumentRejectedException e) {
            throw e;
        } catch (SigningException e) {
            String context = "cannot sign " + name + " for " + key.label() + ": ";
            boolean plain = e.getClass() == SigningException.class
                    || e.getClass() == SigningUnavailableException.class;
            // Subclasses (the vault's KeyUseRefusedException, say) keep their type: callers map it to a status.
            if (!plain || e.getMessage() != null && e.getMessage().startsWith(context)) {
                throw e;
            }
            throw rewrap(e, context + e.getMessage());
        } finally {
            for (Path t : temporaries) {
                try {
                    Files.deleteIfExists(t);
                } catch (IOException ignored) {
                    // best effort: a leftover .part file is harmless and named as ours
                }
            }
        }
    }

    private byte[] appendSignature(Path in, Path out, String name, PadesParameters params, SigningKey key)
            throws IOException, SigningException {
        TimestampSource tsa = params.level().needsTimestamp() ? params.timestampSource().orElseThrow() : null;
        try (PDDocument doc = PdfDocuments.openForUpdate(in, name);
             SignatureOptions options = new SignatureOptions()) {
            PDSignature sig = new PDSignature();
            sig.setFilter(PDSignature.FILTER_ADOBE_PPKLITE);
            sig.setSubFilter(PDSignature.SUBFILTER_ETSI_CADES_DETACHED);
            params.signerName().ifPresent(sig::setName);
            params.reason().ifPresent(sig::setReason);
            params.location().ifPresent(sig::setLocation);
            params.contactInfo().ifPresent(sig::setContactInfo);
            Instant time = params.signingTime().orElseGet(clock::instant);
            sig.setSignDate(GregorianCalendar.from(time.atZone(ZoneOffset.UTC)));

            if (params.processManifest().isPresent()) {
                ProcessManifestAttachment.attach(doc, params.processManifest().get());
            }
            options.setPreferredSignatureSize(reserveBytes(key, tsa != null));
            if (params.appearance().isPresent()) {
                SignatureAppearance a = params.appearance().get();
                if (a.pageIndex() >= doc.getNumberOfPages()) {
                    throw new SigningException("cannot sign " + name + " for " + key.label() + ": appearance page "
                            + "index " + a.pageIndex() + " (expected: 0-" + (doc.getNumberOfPages() - 1) + ")");
                }
                byte[] template = SealStamp.template(doc.getPage(a.pageIndex()).getMediaBox(), a);
                options.setVisualSignature(new ByteArrayInputStream(template));
                options.setPage(a.pageIndex());
            }
            byte[][] cms = new byte[1][];
            SignedRevisionWriter.write(doc, sig, options, out, digest -> {
                cms[0] = CmsSignatureBuilder.build(digest, key, params, tsa);
                return cms[0];
            });
            return cms[0];
        }
    }

    private static void appendValidationData(Path in, Path out, String name, byte[] cms, SigningKey key,
                                             RevocationSource revocation) throws IOException, SigningException {
        List<X509Certificate> signerChain = key.certificateChain();
        List<X509Certificate> tsaChain = TimestampCertificates.chainOf(cms, signerChain);
        List<byte[]> certs = new ArrayList<>();
        List<byte[]> ocsps = new ArrayList<>();
        List<byte[]> crls = new ArrayList<>();
        for (List<X509Certificate> chain : List.of(signerChain, tsaChain)) {
            if (chain.isEmpty()) {
                continue;
            }
            for (X509Certificate c : chain) {
                try {
                    certs.add(c.getEncoded());
                } catch (CertificateEncodingException e) {
                    throw new SigningException("cannot encode certificate " + c.getSubjectX500Principal(), e);
                }
            }
            RevocationSource.RevocationData data = revocation.collect(chain);
            ocsps.addAll(data.ocspResponses());
            crls.addAll(data.crls());
        }
        ValidationDataAppender.append(in, out, name, certs, ocsps, crls);
    }

    private static int reserveBytes(SigningKey key, boolean timestamped) throws SigningException {
        int bytes = CMS_BASE_RESERVE_BYTES + (timestamped ? TIMESTAMP_RESERVE_BYTES : 0);
        for (X509Certificate c : key.certificateChain()) {
            try {
                bytes += c.getEncoded().length;
            } catch (CertificateEncodingException e) {
                throw new SigningException("cannot encode certificate " + c.getSubjectX500Principal(), e);
            }
        }
        return bytes;
    }

    private static Path temporary(Path dir, List<Path> temporaries) throws IOException {
        Path p = Files.createTempFile(dir, ".sealgate-", ".pdf.part");
        temporaries.add(p);
        return p;
    }

    /** Temporary files are created owner-only; the signed document should be as readable as the original. */
    private static void copyPermissions(Path from, Path to) throws IOException {
        try {
            Files.setPosixFilePermissions(to, Files.getPosixFilePermissions(from));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the platform's defaults apply
        }
    }

    private static void moveIntoPlace(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** NIO puts only the path into the message of its file exceptions; say what happened to it. */
    private static String describe(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file: " + e.getMessage();
        }
        if (e instanceof AccessDeniedException) {
            return "access denied: " + e.getMessage();
        }
        return e.getMessage();
    }

    private static SigningException rewrap(SigningException e, String message) {
        if (e instanceof SigningUnavailableException) {
            return new SigningUnavailableException(message, e);
        }
        return new SigningException(message, e);
    }
}
