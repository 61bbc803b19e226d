package io.sealgate.signing.service;

import io.sealgate.policy.Identity;
import io.sealgate.policy.ManifestFormatException;
import io.sealgate.policy.PerformedSignature;
import io.sealgate.policy.ProcessDecision;
import io.sealgate.policy.ProcessManifest;
import io.sealgate.policy.ProcessManifestCodec;
import io.sealgate.signing.DocumentRejectedException;
import io.sealgate.signing.SealgateAttributes;
import io.sealgate.signing.SigningException;
import io.sealgate.signing.verify.ChangeReport;
import io.sealgate.signing.verify.CheckResult;
import io.sealgate.signing.verify.SignatureKind;
import io.sealgate.signing.verify.SignatureReport;
import io.sealgate.signing.verify.SignatureStatus;
import io.sealgate.signing.verify.VerificationReport;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentNameDictionary;
import org.apache.pdfbox.pdmodel.PDEmbeddedFilesNameTreeNode;
import org.apache.pdfbox.pdmodel.common.filespecification.PDComplexFileSpecification;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What an approval stacks on: the verifier's report of the fetched document, its process manifest and its signature
 * chain as the policy module sees it. {@link #read} refuses documents no signature may be added to: changed after
 * the last signature (409), carrying an invalid or untrusted signature, or no manifest (422).
 *
 * @param report   the verifier's report
 * @param manifest the embedded process manifest
 * @param chain    the signatures, as certified, in document order (document timestamps left out)
 */
record ExistingDocument(VerificationReport report, ProcessManifest manifest, List<PerformedSignature> chain) {

    private static final String MANIFEST_FILE = "sealgate-process.json";

    /**
     * @param signed the PDF, or the {@code .p7s} of another file
     * @param pdf    whether {@code signed} is a PDF
     */
    static ExistingDocument read(VerificationReport report, Path signed, boolean pdf, String name)
            throws SigningException {
        for (ChangeReport change : report.modifications()) {
            if (!change.allowed()) {
                throw new DocumentModifiedException(name + " was modified after its last signature ("
                        + change.description() + " in revision " + change.revision() + "), so no signature is added"
                        + " to it");
            }
        }
        if (!report.problems().isEmpty()) {
            throw new DocumentRejectedException("cannot add a signature to " + name + ": " + report.problems().get(0));
        }
        if (report.signatures().isEmpty()) {
            throw new DocumentRejectedException("cannot approve " + name + ": it carries no signature");
        }
        for (SignatureReport s : report.signatures()) {
            for (CheckResult c : s.checks()) {
                // the signed bytes themselves changed (CAdES: the content; PDF: inside a byte range)
                if (c.check().equals("message-digest") && c.outcome() == CheckResult.Outcome.FAILED) {
                    throw new DocumentModifiedException(name + " was modified after signature " + s.number()
                            + (s.signer() == null ? "" : " by " + s.signer().describe()) + " (" + c.message()
                            + "), so no signature is added to it");
                }
            }
        }
        for (SignatureReport s : report.signatures()) {
            if (s.status() != SignatureStatus.VALID) {
                throw new DocumentRejectedException("cannot add a signature to " + name + ": signature " + s.number()
                        + (s.signer() == null ? "" : " by " + s.signer().describe()) + " is "
                        + s.status().name().toLowerCase(java.util.Locale.ROOT) + ": " + s.reason());
            }
        }
        byte[] json = pdf ? pdfManifest(signed, name) : cadesManifest(signed, name);
        if (json == null) {
            throw new DocumentRejectedException("cannot approve " + name + ": it carries no process manifest");
        }
        ProcessManifest manifest;
        try {
            manifest = ProcessManifestCodec.decode(json);
        } catch (ManifestFormatException e) {
            throw new DocumentRejectedException("cannot approve " + name + ": its process manifest is invalid: "
                    + e.getMessage(), e);
        }
        if (report.process() != null && !report.process().violations().isEmpty()) {
            throw new ProcessRefusedException(new ProcessDecision(ProcessDecision.Outcome.PROCESS_VIOLATED,
                    Optional.empty(), name + " does not follow process " + manifest.process().describe()
                    + ", so no signature is added to it: " + report.process().violations().get(0)));
        }
        return new ExistingDocument(report, manifest, chain(report, name));
    }

    /** The revision a signature stacked now covers. */
    int nextRevision() {
        return chain.isEmpty() ? 0 : chain.get(chain.size() - 1).revision() + 1;
    }

    private static List<PerformedSignature> chain(VerificationReport report, String name)
            throws DocumentRejectedException {
        List<PerformedSignature> chain = new ArrayList<>();
        for (SignatureReport s : report.signatures()) {
            if (s.kind() == SignatureKind.DOCUMENT_TIMESTAMP) {
                continue;
            }
            if (s.signer() == null || s.signer().userId() == null || s.signer().organisation() == null) {
                throw new DocumentRejectedException("cannot approve " + name + ": signature " + s.number()
                        + " names no user and organisation in its certificate");
            }
            Identity who = new Identity(s.signer().userId(), Set.copyOf(s.signer().roles()),
                    s.signer().organisation());
            Instant time = s.signingTime() == null ? Instant.EPOCH : Instant.parse(s.signingTime());
            chain.add(new PerformedSignature(who, s.signer().organisationSeal(), Optional.ofNullable(s.processStep()),
                    time, Math.max(0, s.revision()), s.coversCurrentDocument()));
        }
        return chain;
    }

    private static byte[] pdfManifest(Path pdf, String name) throws SigningException {
        try (PDDocument doc = Loader.loadPDF(new RandomAccessReadBufferedFile(pdf.toFile()))) {
            PDDocumentNameDictionary names = doc.getDocumentCatalog().getNames();
            PDEmbeddedFilesNameTreeNode files = names == null ? null : names.getEmbeddedFiles();
            if (files == null || files.getNames() == null) {
                return null;
            }
            PDComplexFileSpecification spec = files.getNames().get(MANIFEST_FILE);
            if (spec == null || spec.getEmbeddedFile() == null) {
                return null;
            }
            return spec.getEmbeddedFile().toByteArray();
        } catch (IOException e) {
            throw new DocumentRejectedException("cannot read the process manifest of " + name + ": "
                    + e.getMessage(), e);
        }
    }

    private static byte[] cadesManifest(Path p7s, String name) throws SigningException {
        try {
            CMSSignedData signed = new CMSSignedData(Files.readAllBytes(p7s));
            SignerInformation first = signed.getSignerInfos().getSigners().iterator().next();
            Attribute attribute = first.getSignedAttributes() == null ? null : first.getSignedAttributes().get(
                    new ASN1ObjectIdentifier(SealgateAttributes.PROCESS_MANIFEST));
            if (attribute == null) {
                return null;
            }
            return ((ASN1String) attribute.getAttrValues().getObjectAt(0)).getString()
                    .getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SigningException("cannot read " + p7s.getFileName() + ": " + e.getMessage(), e);
        } catch (CMSException | RuntimeException e) {
            throw new DocumentRejectedException("cannot read the process manifest of " + name + ": "
                    + e.getMessage(), e);
        }
    }
}
