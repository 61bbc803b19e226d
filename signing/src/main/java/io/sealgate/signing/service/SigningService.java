package io.sealgate.signing.service;

import io.sealgate.policy.ChainVerdict.DueSeal;
import io.sealgate.policy.Identity;
import io.sealgate.policy.KeyUse;
import io.sealgate.policy.KeyUseContext;
import io.sealgate.policy.PerformedSignature;
import io.sealgate.policy.ProcessChecker;
import io.sealgate.policy.ProcessDecision;
import io.sealgate.policy.ProcessManifest;
import io.sealgate.policy.ProcessManifestCodec;
import io.sealgate.policy.ProcessTemplate;
import io.sealgate.signing.DocumentRejectedException;
import io.sealgate.signing.SigningException;
import io.sealgate.signing.keys.KeyUseRefusedException;
import io.sealgate.signing.log.DeliveryStatus;
import io.sealgate.signing.log.LogException;
import io.sealgate.signing.log.SignatureLog;
import io.sealgate.signing.service.SignatureMaker.Job;
import io.sealgate.signing.service.SignatureMaker.Mode;
import io.sealgate.signing.verify.VerificationException;
import io.sealgate.signing.verify.VerificationReport;
import io.sealgate.signing.verify.Verifier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The signing module's facade for the proxy (shared/DESIGN.md: proxy-core holds no signing or process logic): signs
 * new documents as their creator, stacks approvals according to the embedded process, applies the organisation
 * seal when the process completes, verifies uploads, and records every signature in the signature log.
 *
 * <p><b>Delivery.</b> Every signature is logged {@link DeliveryStatus#PENDING} when it is made, before the caller
 * forwards the document. The caller then appends the outcome: {@link #markDelivered} once the upstream accepted the
 * signed bytes (2xx), {@link #markUndelivered} otherwise. An entry that stays PENDING means "signed, delivery
 * unknown" (for instance the proxy stopped in between): never read as delivered.
 *
 * <p><b>Keys.</b> A user signs with the key configured for them ({@code users.<id>.key}, default: the user id) and
 * nothing else; the organisation seal with the seal key, only when the process calls for it. Before every signature
 * the key usage rules judge it with the request's route, template, step and the key's count today.
 *
 * <p>Every method blocks (PKCS#11, PDF parsing, disk, log); call from the signing executor. Thread-safe. Errors are
 * {@link SigningException}s whose subtype gives the HTTP status: {@link DocumentRejectedException} 422,
 * {@link io.sealgate.signing.SigningUnavailableException} 503, {@link io.sealgate.signing.keys.KeyUseRefusedException}
 * 403, {@link ProcessRefusedException} 403/409/400 by its decision, {@link DocumentModifiedException} 409.
 */
public final class SigningService implements AutoCloseable {
    private static final Logger logger = LoggerFactory.getLogger(SigningService.class);

    private final SigningServiceSettings settings;
    private final ServiceResources resources;
    private final SignatureMaker maker;

    private SigningService(SigningServiceSettings settings, ServiceResources resources) {
        this.settings = settings;
        this.resources = resources;
        this.maker = new SignatureMaker(resources.vault(), resources.log(), resources.guard(), settings.level(),
                resources.tsa(), resources.revocation(), settings.clock());
    }

    /**
     * Opens the token, the dev CA (when the token has one), the TSA, the revocation source, the signature log (log
     * key {@value ServiceResources#LOG_KEY}) and the verifier.
     *
     * @throws io.sealgate.signing.SigningUnavailableException when the token or the log cannot be opened
     * @throws SigningException when a key Sealgate needs is missing (run {@code sealgate keys init})
     */
    public static SigningService open(SigningServiceSettings settings) throws SigningException {
        return new SigningService(settings, ServiceResources.open(settings));
    }

    /**
     * A new document from {@code r.creator()}: signed as the creator; with a template, the process manifest
     * (document id = {@code documentName}, this organisation, now) is embedded in the signed revision (CAdES: a signed
     * attribute) and the signature performs the template's create step.
     *
     * @throws ProcessRefusedException when the creator may not perform the create step
     */
    public SignResult create(CreateRequest r) throws SigningException {
        checkSize(r.document(), r.documentName());
        boolean pdf = isPdf(r.document());
        Optional<String> step = Optional.empty();
        Optional<String> manifestJson = Optional.empty();
        if (r.template().isPresent()) {
            ProcessTemplate template = r.template().get();
            ProcessManifest manifest = new ProcessManifest(template, r.documentName(), settings.organisation(),
                    settings.clock().instant());
            ProcessDecision decision = ProcessChecker.decide(manifest, List.of(), r.creator(),
                    Optional.of(manifest.process().createStep().id()));
            if (!decision.allowed()) {
                throw new ProcessRefusedException(decision);
            }
            step = decision.stepId();
            manifestJson = Optional.of(new String(ProcessManifestCodec.encode(manifest), StandardCharsets.UTF_8));
        }
        Path output = spoolFile(r.documentName(), pdf ? ".pdf" : ".p7s");
        AppliedSignature applied = maker.sign(new Job(pdf ? Mode.PADES : Mode.CADES_DETACHED, r.document(), output,
                r.documentName(), r.creator().userId(), userKeyUse(r.creator(), r.documentName(), step),
                context(r.creator(), r.context(), r.template().map(ProcessTemplate::id), step),
                r.template().map(ProcessTemplate::id), step, manifestJson, r.context()));
        return new SignResult(output, pdf ? "PAdES" : "CAdES", List.of(applied));
    }

    /**
     * An approval: verifies the fetched document, refuses it when it was changed after its last signature by
     * anything but a signature, asks {@link ProcessChecker#decide} which step the approver performs, stacks the
     * signature (PDF: a new revision; other files: a counter-signature of the latest signature), and when that
     * makes this organisation's seal due (a seal step, or the final seal), applies the seal too. When the document
     * arrives with this organisation's seal already due (the step before it was another organisation's), a user of
     * this organisation asking for an approval gets the seal alone. {@code r.gate()} sees the approver's step first
     * and may refuse it (what it throws propagates; nothing is signed).
     */
    public SignResult approve(ApproveRequest r) throws SigningException {
        checkSize(r.document(), r.documentName());
        boolean pdf = isPdf(r.document());
        Path signed;
        Optional<Path> content;
        if (pdf) {
            signed = r.document();
            content = Optional.empty();
        } else {
            signed = r.detachedSignature().orElseThrow(() -> new DocumentRejectedException("cannot approve "
                    + r.documentName() + ": it is not a PDF, so its detached signature (.p7s) is needed"));
            content = Optional.of(r.document());
        }
        ExistingDocument existing = ExistingDocument.read(verify(signed, content), signed, pdf, r.documentName());
        ProcessManifest manifest = existing.manifest();
        Optional<String> template = Optional.of(manifest.process().id());
        Mode mode = pdf ? Mode.PADES : Mode.CADES_COUNTER;
        String suffix = pdf ? ".pdf" : ".p7s";
        Optional<DueSeal> due = sealDueHere(manifest, existing.chain());
        if (due.isPresent() && r.approver().organisation().equals(settings.organisation())) {
            // the step before this organisation's seal was another organisation's, whose Sealgate does not apply
            // this one's seal: the document came here to be sealed (docs/process-assurance.md, "Across
            // organisations")
            Path output = spoolFile(r.documentName(), suffix);
            return new SignResult(output, pdf ? "PAdES" : "CAdES",
                    List.of(seal(mode, signed, output, r, template, due.get())));
        }
        ProcessDecision decision = ProcessChecker.decide(manifest, existing.chain(), r.approver(),
                r.requestedStep());
        if (!decision.allowed()) {
            throw new ProcessRefusedException(decision);
        }
        r.gate().admit(decision.stepId().orElseThrow());
        List<AppliedSignature> applied = new ArrayList<>();
        Path output = spoolFile(r.documentName(), suffix);
        applied.add(maker.sign(new Job(mode, signed, output, r.documentName(), r.approver().userId(),
                userKeyUse(r.approver(), r.documentName(), decision.stepId()),
                context(r.approver(), r.context(), template, decision.stepId()), template, decision.stepId(),
                Optional.empty(), r.context())));

        List<PerformedSignature> chain = new ArrayList<>(existing.chain());
        chain.add(PerformedSignature.byPerson(r.approver(), decision.stepId().orElseThrow(),
                settings.clock().instant(), pdf ? existing.nextRevision() : 0));
        due = sealDueHere(manifest, chain);
        if (due.isPresent()) {
            Path sealed = spoolFile(r.documentName(), suffix);
            try {
                applied.add(seal(mode, output, sealed, r, template, due.get()));
            } catch (SigningException e) {
                // an approval that makes the seal due goes out sealed or not at all: nothing is delivered
                markUndelivered(applied.stream().map(AppliedSignature::logIndex).toList(), r.context().requestId(),
                        "the organisation seal could not be applied, so the approval was discarded: "
                        + e.getMessage());
                throw e;
            } finally {
                SignatureMaker.deleteQuietly(output);
            }
            output = sealed;
        }
        return new SignResult(output, pdf ? "PAdES" : "CAdES", applied);
    }

    /** The seal {@code chain} waits for, when it is this organisation's; another organisation seals its own. */
    private Optional<DueSeal> sealDueHere(ProcessManifest manifest, List<PerformedSignature> chain) {
        return ProcessChecker.check(manifest, chain).dueSeal()
                .filter(seal -> seal.organisation().equals(settings.organisation()));
    }

    private AppliedSignature seal(Mode mode, Path input, Path output, ApproveRequest r, Optional<String> template,
                                  DueSeal due) throws SigningException {
        String organisation = settings.organisation();
        String label = settings.sealKeyLabel();
        KeyUse use = new KeyUse(ServiceResources.SEAL_IDENTITY_PREFIX + organisation, label,
                r.documentName() + ", organisation seal, step " + due.stepId());
        KeyUseContext ctx = new KeyUseContext(java.util.Set.of(), r.context().route(), template.orElse(""),
                due.stepId(), settings.clock().instant(), 0);
        return maker.sign(new Job(mode, input, output, r.documentName(), organisation, use, ctx, template,
                Optional.of(due.stepId()), Optional.empty(), r.context()));
    }

    /**
     * Verifies an uploaded document (a PDF, or a {@code .p7s} with its detached content) against the configured
     * trust anchors.
     *
     * @throws DocumentRejectedException when the file is neither, too large, or unreadable
     */
    public VerificationReport verify(Path document, Optional<Path> detachedContent) throws SigningException {
        try {
            return resources.verifier().verify(document, detachedContent);
        } catch (VerificationException e) {
            throw new DocumentRejectedException(e.getMessage(), e);
        }
    }

    /**
     * The upstream accepted the signed bytes: appends a {@link DeliveryStatus#DELIVERED} status leaf for each entry.
     * Failures are logged, not thrown: the entries then stay PENDING, which never claims delivery.
     */
    public void markDelivered(List<Long> logIndexes, String requestId) {
        mark(logIndexes, DeliveryStatus.DELIVERED, requestId, Optional.empty());
    }

    /** The upstream did not take the signed bytes: appends {@link DeliveryStatus#UPSTREAM_FAILED} status leaves. */
    public void markUndelivered(List<Long> logIndexes, String requestId, String detail) {
        mark(logIndexes, DeliveryStatus.UPSTREAM_FAILED, requestId, Optional.ofNullable(detail));
    }

    private void mark(List<Long> indexes, DeliveryStatus status, String requestId, Optional<String> detail) {
        for (long index : indexes) {
            try {
                maker.appendStatus(index, status, requestId, detail);
            } catch (LogException | RuntimeException e) {
                logger.error("Signature log: cannot record {} for entry {} (request {}); it stays PENDING: {}",
                        status, index, requestId, e.getMessage(), e);
            }
        }
    }

    /** The signature log, for the {@code /.sealgate/log} endpoints and the CLI. */
    public SignatureLog log() {
        return resources.log();
    }

    /** The verifier with the configured trust anchors. */
    public Verifier verifier() {
        return resources.verifier();
    }

    /** For tests: runs {@code action} each time a signature has reserved its log index. */
    void afterLogIndexReserved(Runnable action) {
        maker.afterReservation = action;
    }

    @Override
    public void close() {
        resources.close();
    }

    private KeyUse userKeyUse(Identity user, String documentName, Optional<String> step)
            throws KeyUseRefusedException {
        if (!user.organisation().equals(settings.organisation())) {
            throw new KeyUseRefusedException("cannot sign " + documentName + " for " + user.describe()
                    + ": this Sealgate signs for " + settings.organisation() + " only");
        }
        if (user.userId().contains(":")) {
            // ':' marks the organisation seal's identity (ServiceResources.SEAL_IDENTITY_PREFIX): no user has it
            throw new KeyUseRefusedException("cannot sign " + documentName + " for user '" + user.userId()
                    + "': user ids must not contain ':'");
        }
        return new KeyUse(user.userId(), settings.keyLabelOf(user.userId()),
                documentName + step.map(s -> ", step " + s).orElse(""));
    }

    private KeyUseContext context(Identity user, RequestContext request, Optional<String> template,
                                  Optional<String> step) {
        Instant now = settings.clock().instant();
        // the count of today's signatures is filled in by SignatureMaker, which reserves it
        return new KeyUseContext(user.roles(), request.route(), template.orElse(""), step.orElse(""), now, 0);
    }

    private void checkSize(Path document, String name) throws SigningException {
        try {
            long size = Files.size(document);
            if (size > settings.maxDocumentBytes()) {
                throw new DocumentRejectedException("cannot sign " + name + ": " + size + " bytes (expected: at most "
                        + settings.maxDocumentBytes() + ")");
            }
        } catch (IOException e) {
            throw new SigningException("cannot read " + name + ": " + e.getMessage(), e);
        }
    }

    private static boolean isPdf(Path document) throws SigningException {
        try (InputStream in = Files.newInputStream(document)) {
            return new String(in.readNBytes(1024), StandardCharsets.ISO_8859_1).contains("%PDF-");
        } catch (IOException e) {
            throw new SigningException("cannot read " + document.getFileName() + ": " + e.getMessage(), e);
        }
    }

    private Path spoolFile(String documentName, String suffix) throws SigningException {
        try {
            Files.createDirectories(settings.spoolDirectory());
            return settings.spoolDirectory().resolve("signed-" + UUID.randomUUID() + suffix);
        } catch (IOException e) {
            throw new SigningException("cannot sign " + documentName + ": spool directory "
                    + settings.spoolDirectory() + ": " + e.getMessage(), e);
        }
    }
}
