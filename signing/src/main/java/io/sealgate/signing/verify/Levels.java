package io.sealgate.signing.verify;

import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns checked PDF signatures into numbered {@link SignatureReport}s: the baseline level each reaches (PAdES,
 * ETSI EN 319 142-1: T by its own signature-time-stamp or a later document timestamp, LT with the path's revocation
 * data in the document, LTA with a document timestamp over a revision that holds that data), and whether a change
 * that is not allowed followed it.
 */
final class Levels {

    private static final COSName DSS = COSName.getPDFName("DSS");

    private Levels() {
    }

    static List<SignatureReport> reports(List<PdfVerification.Checked> checked, List<ChangeReport> changes,
                                         PDDocument last, PdfRevisions revisions) {
        boolean hasDss = last.getDocumentCatalog().getCOSObject().containsKey(DSS);
        List<SignatureReport> out = new ArrayList<>();
        int number = 1;
        for (PdfVerification.Checked c : checked) {
            int revision = c.range().revision();
            List<CheckResult> checks = new ArrayList<>(c.checks());
            ChangeReport firstBad = changes.stream().filter(x -> !x.allowed() && x.revision() > revision)
                    .findFirst().orElse(null);
            boolean covers = revision >= 0 && firstBad == null;
            if (revision >= 0) {
                checks.add(firstBad == null
                        ? CheckResult.passed("modifications", "nothing but allowed additions changed after it")
                        : CheckResult.failed("modifications", "the document was changed after this signature: "
                                + firstBad.description() + " (revision " + firstBad.revision() + ")"));
            }
            SignatureStatus status = TimestampCheck.status(checks);
            if (c.kind() == SignatureKind.DOCUMENT_TIMESTAMP) {
                TimestampCheck.Result ts = c.timestamp();
                out.add(new SignatureReport(number++, c.kind(), c.found().field(), revision, null, null, null,
                        ts == null ? null : ts.report().time(), ts == null ? TimeSource.NONE : TimeSource.TIMESTAMP,
                        status == SignatureStatus.VALID ? BaselineLevel.T : BaselineLevel.NONE, status, covers,
                        checks, ts == null ? List.of() : List.of(ts.report())));
                continue;
            }
            SignerCheck.Result s = c.signer();
            BaselineLevel level = BaselineLevel.NONE;
            if (status == SignatureStatus.VALID && s != null) {
                level = BaselineLevel.B;
                boolean laterTimestamp = laterValidTimestamp(checked, revision, revisions, false);
                if (s.timeSource() == TimeSource.TIMESTAMP || laterTimestamp) {
                    level = BaselineLevel.T;
                    boolean revocationInDocument = hasDss && checks.stream()
                            .filter(x -> x.check().equals("revocation"))
                            .allMatch(x -> x.outcome() == CheckResult.Outcome.PASSED);
                    if (revocationInDocument) {
                        level = laterValidTimestamp(checked, revision, revisions, true) ? BaselineLevel.LTA
                                : BaselineLevel.LT;
                    }
                }
            }
            out.add(new SignatureReport(number++, c.kind(), c.found().field(), revision,
                    s == null ? null : s.signer(), s == null ? null : s.step(), s == null ? null : s.requestId(),
                    s == null ? (c.claimed() == null ? null : c.claimed().toString())
                              : s.time() == null ? null : s.time().toString(),
                    s == null ? (c.claimed() == null ? TimeSource.NONE : TimeSource.CLAIMED) : s.timeSource(),
                    level, status, covers, checks, s == null ? List.of() : s.timestamps()));
        }
        return out;
    }

    /** A valid document timestamp in a revision after {@code revision} (that holds a /DSS, if asked). */
    private static boolean laterValidTimestamp(List<PdfVerification.Checked> checked, int revision,
                                               PdfRevisions revisions, boolean overValidationData) {
        for (PdfVerification.Checked c : checked) {
            if (c.kind() != SignatureKind.DOCUMENT_TIMESTAMP || c.range().revision() <= revision
                    || TimestampCheck.status(c.checks()) != SignatureStatus.VALID) {
                continue;
            }
            if (!overValidationData) {
                return true;
            }
            try {
                if (revisions.open(c.range().revision()).getDocumentCatalog().getCOSObject().containsKey(DSS)) {
                    return true;
                }
            } catch (IOException | RuntimeException e) {
                // an unreadable revision proves nothing
            }
        }
        return false;
    }
}
