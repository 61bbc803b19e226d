package io.sealgate.signing.verify;

import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentNameDictionary;
import org.apache.pdfbox.pdmodel.PDEmbeddedFilesNameTreeNode;
import org.apache.pdfbox.pdmodel.common.filespecification.PDComplexFileSpecification;
import org.apache.pdfbox.pdmodel.interactive.form.PDAcroForm;
import org.apache.pdfbox.pdmodel.interactive.form.PDField;
import org.apache.pdfbox.pdmodel.interactive.form.PDSignatureField;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.Comparator;
import java.util.List;

/**
 * Verifies every signature and document timestamp of a PDF, then what changed after them; one instance per
 * document. The parts: {@link ByteRangeCheck}, {@link SignerCheck} / {@link TimestampCheck},
 * {@link ModificationAnalysis}, {@link Levels}, and {@link ProcessEvaluation} for the embedded manifest.
 */
final class PdfVerification {

    static final String MANIFEST_FILE = "sealgate-process.json";
    private static final COSName DSS = COSName.getPDFName("DSS");
    private static final COSName RFC3161 = COSName.getPDFName("ETSI.RFC3161");

    /** One signature field of the final document, as found. */
    record Found(String field, COSDictionary field_, COSDictionary dictionary, COSBase reference) {
    }

    /** A checked signature before numbering. */
    record Checked(Found found, ByteRangeCheck.Result range, SignatureKind kind, List<CheckResult> checks,
                   SignerCheck.Result signer, TimestampCheck.Result timestamp, Instant claimed) {
    }

    private final PdfRevisions revisions;
    private final CertificatePaths paths;
    private final Instant now;
    private final List<String> problems = new ArrayList<>();
    private final Evidence evidence = new Evidence();

    PdfVerification(PdfRevisions revisions, CertificatePaths paths, Instant now) {
        this.revisions = revisions;
        this.paths = paths;
        this.now = now;
    }

    /** The parts of the report this document gives; the caller adds the verdict. */
    record Outcome(List<SignatureReport> signatures, ProcessReport process, List<ChangeReport> changes,
                   List<String> problems, int revisions) {
    }

    Outcome run() {
        PDDocument doc;
        try {
            doc = revisions.open(revisions.count() - 1);
        } catch (IOException | RuntimeException e) {
            problems.add("the PDF cannot be parsed: " + e.getMessage());
            return new Outcome(List.of(), null, List.of(), problems, revisions.count());
        }
        collectValidationData(doc);
        List<Checked> checked = new ArrayList<>();
        // every revision's fields, newest first: a signature a later revision hides is still checked and reported
        java.util.Set<Object> seen = new java.util.HashSet<>();
        for (int r = revisions.count() - 1; r >= 0; r--) {
            List<Found> fields;
            try {
                fields = signatureFields(revisions.open(r), seen);
            } catch (IOException | RuntimeException e) {
                continue; // reported by the modification analysis
            }
            for (Found f : fields) {
                checked.add(check(f));
            }
        }
        checked.sort(Comparator.comparingInt((Checked c) -> c.range().revision() < 0 ? Integer.MAX_VALUE
                : c.range().revision()));

        Permissions permissions = new Permissions();
        List<ModificationAnalysis.Signed> signed = new ArrayList<>();
        int firstSigned = Integer.MAX_VALUE;
        for (Checked c : checked) {
            if (c.range().revision() >= 0) {
                permissions.add(c.found().dictionary(), c.found().field_(), c.range().revision());
                // a later signature that does not verify is reported on itself; here it only counts as an addition
                signed.add(new ModificationAnalysis.Signed(CosCompare.key(c.found().reference()),
                        c.range().revision(), c.kind() == SignatureKind.DOCUMENT_TIMESTAMP));
                firstSigned = Math.min(firstSigned, c.range().revision());
            }
        }
        List<ChangeReport> changes = firstSigned == Integer.MAX_VALUE ? List.of()
                : ModificationAnalysis.analyse(revisions, firstSigned, signed, permissions);
        List<SignatureReport> reports = Levels.reports(checked, changes, doc, revisions);
        ProcessReport process = ProcessEvaluation.evaluate(manifest(checked, reports), reports, problems);
        return new Outcome(reports, process, changes, problems, revisions.count());
    }

    private Checked check(Found f) {
        COSDictionary sig = f.dictionary();
        ByteRangeCheck.Result range = ByteRangeCheck.check(sig, revisions);
        boolean timestamp = RFC3161.equals(sig.getCOSName(COSName.SUB_FILTER));
        SignatureKind kind = timestamp ? SignatureKind.DOCUMENT_TIMESTAMP : SignatureKind.SIGNATURE;
        List<CheckResult> checks = new ArrayList<>();
        checks.add(range.check());
        Instant claimed = claimedTime(sig);
        if (!range.ok()) {
            return new Checked(f, range, kind, checks, null, null, claimed);
        }
        long[] r = range.range();
        byte[] data = revisions.data();
        TimestampCheck.DigestSource covered = md -> {
            md.update(data, 0, (int) r[1]);
            md.update(data, (int) r[2], (int) r[3]);
            return md.digest();
        };
        if (timestamp) {
            TimestampCheck.Result ts = TimestampCheck.check(range.contents(), covered, evidence, paths);
            checks.addAll(ts.report().checks());
            return new Checked(f, range, kind, checks, null, ts, claimed);
        }
        try {
            CMSSignedData cms = new CMSSignedData(new ByteRangeContent(data, r), range.contents());
            List<SignerInformation> signers = new ArrayList<>(cms.getSignerInfos().getSigners());
            if (signers.size() != 1) {
                checks.add(CheckResult.failed("cms", "the signature holds " + signers.size() + " signer infos "
                        + "(expected: exactly 1)"));
                return new Checked(f, range, kind, checks, null, null, claimed);
            }
            Evidence own = new Evidence();
            own.addAll(evidence);
            cms.getCertificates().getMatches(null).forEach(h -> {
                try {
                    own.addCertificate(h.getEncoded());
                } catch (IOException ignored) {
                    // skipped: a certificate that cannot be encoded cannot be on a path
                }
            });
            cms.getCRLs().getMatches(null).forEach(h -> {
                try {
                    own.addCrl(((org.bouncycastle.cert.X509CRLHolder) h).getEncoded());
                } catch (IOException ignored) {
                    // skipped like an unreadable DSS entry
                }
            });
            boolean etsi = COSName.getPDFName("ETSI.CAdES.detached").equals(sig.getCOSName(COSName.SUB_FILTER));
            SignerCheck.Result result = SignerCheck.check(signers.get(0), cms.getCertificates(), own, paths,
                    claimed, now, etsi);
            checks.addAll(result.checks());
            return new Checked(f, range, kind, checks, result, null, claimed);
        } catch (Exception e) {
            checks.add(CheckResult.failed("cms", "the signature's /Contents is not a CMS signature: "
                    + e.getMessage()));
            return new Checked(f, range, kind, checks, null, null, claimed);
        }
    }

    private static Instant claimedTime(COSDictionary sig) {
        try {
            Calendar c = sig.getDate(COSName.M);
            return c == null ? null : c.toInstant();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * The signature fields of {@code doc} whose value is not in {@code seen} (object keys, or /Contents of direct
     * values), adding them; a value already seen is not even parsed, since its /Contents is large.
     */
    private List<Found> signatureFields(PDDocument doc, java.util.Set<Object> seen) {
        List<Found> out = new ArrayList<>();
        PDAcroForm form = doc.getDocumentCatalog().getAcroForm(null);
        if (form == null) {
            return out;
        }
        for (PDField field : form.getFieldTree()) {
            if (field instanceof PDSignatureField sf) {
                COSBase v = sf.getCOSObject().getItem(COSName.V);
                if (v instanceof COSObject o && seen.contains(CosCompare.key(o))) {
                    continue;
                }
                COSBase resolved = v instanceof COSObject o ? o.getObject() : v;
                if (resolved instanceof COSDictionary dict) {
                    Object identity = v instanceof COSObject ? CosCompare.key(v)
                            : dict.getDictionaryObject(COSName.CONTENTS);
                    if (identity != null && !seen.add(identity)) {
                        continue;
                    }
                    out.add(new Found(field.getFullyQualifiedName(), sf.getCOSObject(), dict, v));
                } else if (v != null) {
                    String problem = "signature field '" + field.getFullyQualifiedName() + "' has a value that is"
                            + " not a signature dictionary";
                    if (!problems.contains(problem)) {
                        problems.add(problem);
                    }
                }
            }
        }
        return out;
    }

    private void collectValidationData(PDDocument doc) {
        if (!(doc.getDocumentCatalog().getCOSObject().getDictionaryObject(DSS) instanceof COSDictionary dss)) {
            return;
        }
        int bad = 0;
        for (String key : List.of("Certs", "CRLs", "OCSPs")) {
            if (!(dss.getDictionaryObject(COSName.getPDFName(key)) instanceof COSArray array)) {
                continue;
            }
            for (int i = 0; i < array.size(); i++) {
                if (!(array.getObject(i) instanceof COSStream stream)) {
                    bad++;
                    continue;
                }
                try (InputStream in = stream.createInputStream()) {
                    byte[] der = in.readAllBytes();
                    boolean ok = switch (key) {
                        case "Certs" -> evidence.addCertificate(der);
                        case "CRLs" -> evidence.addCrl(der);
                        default -> evidence.addOcsp(der);
                    };
                    bad += ok ? 0 : 1;
                } catch (IOException e) {
                    bad++;
                }
            }
        }
        if (bad > 0) {
            problems.add(bad + " entries of the document's validation data (/DSS) cannot be read");
        }
    }

    /** The manifest from the revision the first signature covers (so that signature covers it), else null. */
    private ProcessEvaluation.Manifest manifest(List<Checked> checked, List<SignatureReport> reports) {
        Checked first = checked.stream().filter(c -> c.kind() == SignatureKind.SIGNATURE
                && c.range().revision() >= 0).findFirst().orElse(null);
        try {
            byte[] inFinal = embeddedManifest(revisions.open(revisions.count() - 1));
            if (first == null) {
                return inFinal == null ? null : new ProcessEvaluation.Manifest(inFinal, false);
            }
            byte[] signedOne = embeddedManifest(revisions.open(first.range().revision()));
            if (signedOne != null) {
                return new ProcessEvaluation.Manifest(signedOne, true);
            }
            return inFinal == null ? null : new ProcessEvaluation.Manifest(inFinal, false);
        } catch (IOException | RuntimeException e) {
            problems.add("the embedded process manifest cannot be read: " + e.getMessage());
            return null;
        }
    }

    private static byte[] embeddedManifest(PDDocument doc) throws IOException {
        PDDocumentNameDictionary names = doc.getDocumentCatalog().getNames();
        PDEmbeddedFilesNameTreeNode tree = names == null ? null : names.getEmbeddedFiles();
        if (tree == null || tree.getNames() == null) {
            return null;
        }
        PDComplexFileSpecification spec = tree.getNames().get(MANIFEST_FILE);
        if (spec == null || spec.getEmbeddedFile() == null) {
            return null;
        }
        return spec.getEmbeddedFile().toByteArray();
    }
}
