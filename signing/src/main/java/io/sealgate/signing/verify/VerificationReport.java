package io.sealgate.signing.verify;

import java.util.List;
import java.util.Objects;

/**
 * Everything the verifier found about one document: the JSON report of {@code sealgate verify --json} and of the
 * HTTP verify API (schema: docs/verification.md). Immutable; serialise with {@link ReportJson}.
 *
 * @param document      the document's file name
 * @param format        {@code PDF} or {@code CADES}
 * @param size          the document's size in bytes
 * @param sha256        the SHA-256 of the document (for CAdES: of the signed content), lower-case hex
 * @param verifiedAt    when the verification ran, ISO-8601 UTC
 * @param verdict       the overall answer
 * @param summary       one sentence saying why
 * @param revisions     PDF: the number of revisions; CAdES: 1
 * @param signatures    every signature, document timestamp and counter-signature, in order
 * @param process       the embedded process, or null when the document carries no manifest
 * @param modifications every change made after the first signature, in revision order
 * @param problems      document-level problems (unreadable parts, bytes not covered), one sentence each
 */
public record VerificationReport(String document, String format, long size, String sha256, String verifiedAt,
                                 Verdict verdict, String summary, int revisions, List<SignatureReport> signatures,
                                 ProcessReport process, List<ChangeReport> modifications, List<String> problems) {

    public VerificationReport {
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(summary, "summary");
        signatures = List.copyOf(signatures);
        modifications = List.copyOf(modifications);
        problems = List.copyOf(problems);
    }
}
