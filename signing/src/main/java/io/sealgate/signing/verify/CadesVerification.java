package io.sealgate.signing.verify;

import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.util.Store;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Verifies a CAdES signature ({@code .p7s}) over detached content: every signer info in order, each followed by its
 * counter-signatures depth first (Sealgate records approval order by nesting: each approver counter-signs the
 * latest signature), then the process manifest carried by the creator's signed attributes.
 */
final class CadesVerification {

    private final CertificatePaths paths;
    private final Instant now;

    CadesVerification(CertificatePaths paths, Instant now) {
        this.paths = paths;
        this.now = now;
    }

    PdfVerification.Outcome run(byte[] p7s, byte[] content) throws VerificationException {
        CMSSignedData cms;
        try {
            cms = content == null ? new CMSSignedData(p7s)
                    : new CMSSignedData(new CMSProcessableByteArray(content), p7s);
        } catch (Exception e) {
            throw new VerificationException("not a CMS signature: " + e.getMessage(), e);
        }
        List<String> problems = new ArrayList<>();
        if (content == null && cms.getSignedContent() == null) {
            throw new VerificationException("the signature is detached: supply the signed content (--content FILE)");
        }
        Evidence evidence = new Evidence();
        Store<X509CertificateHolder> certs = cms.getCertificates();
        for (X509CertificateHolder h : certs.getMatches(null)) {
            try {
                evidence.addCertificate(h.getEncoded());
            } catch (IOException ignored) {
                // unusable certificate: cannot be on a path
            }
        }
        for (Object o : cms.getCRLs().getMatches(null)) {
            try {
                evidence.addCrl(((X509CRLHolder) o).getEncoded());
            } catch (IOException ignored) {
                // unusable CRL: revocation is then indeterminate
            }
        }
        cms.getOtherRevocationInfo(org.bouncycastle.asn1.cms.CMSObjectIdentifiers.id_ri_ocsp_response)
                .getMatches(null).forEach(o -> {
                    try {
                        evidence.addOcsp(((org.bouncycastle.asn1.ASN1Encodable) o).toASN1Primitive().getEncoded());
                    } catch (IOException ignored) {
                        // unusable response
                    }
                });
        List<SignatureReport> reports = new ArrayList<>();
        byte[] manifest = null;
        for (SignerInformation signer : cms.getSignerInfos().getSigners()) {
            SignerCheck.Result r = add(reports, signer, SignatureKind.SIGNATURE, certs, evidence);
            if (manifest == null && reports.size() == 1) {
                manifest = r.manifest();
            }
            counterSignatures(reports, signer, certs, evidence);
        }
        if (reports.isEmpty()) {
            problems.add("the CMS signature holds no signer info");
        }
        ProcessReport process = ProcessEvaluation.evaluate(
                manifest == null ? null : new ProcessEvaluation.Manifest(manifest, true), reports, problems);
        return new PdfVerification.Outcome(reports, process, List.of(), problems, 1);
    }

    private void counterSignatures(List<SignatureReport> reports, SignerInformation parent,
                                   Store<X509CertificateHolder> certs, Evidence evidence) {
        for (SignerInformation counter : parent.getCounterSignatures().getSigners()) {
            add(reports, counter, SignatureKind.COUNTER_SIGNATURE, certs, evidence);
            counterSignatures(reports, counter, certs, evidence);
        }
    }

    private SignerCheck.Result add(List<SignatureReport> reports, SignerInformation signer, SignatureKind kind,
                                   Store<X509CertificateHolder> certs, Evidence evidence) {
        SignerCheck.Result r = SignerCheck.check(signer, certs, evidence, paths, null, now, true);
        SignatureStatus status = r.status();
        BaselineLevel level = BaselineLevel.NONE;
        if (status == SignatureStatus.VALID) {
            level = r.timeSource() != TimeSource.TIMESTAMP ? BaselineLevel.B
                    : !evidence.crls().isEmpty() || !evidence.ocsps().isEmpty() ? BaselineLevel.LT : BaselineLevel.T;
        }
        reports.add(new SignatureReport(reports.size() + 1, kind, null, 0, r.signer(), r.step(), r.requestId(),
                r.time() == null ? null : r.time().toString(), r.timeSource(), level, status, true, r.checks(),
                r.timestamps()));
        return r;
    }
}
