package io.sealgate.signing.verify;

import io.sealgate.policy.ChainVerdict;
import io.sealgate.policy.Identity;
import io.sealgate.policy.ManifestFormatException;
import io.sealgate.policy.PerformedSignature;
import io.sealgate.policy.ProcessChecker;
import io.sealgate.policy.ProcessManifest;
import io.sealgate.policy.ProcessManifestCodec;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs the policy module's {@link ProcessChecker#check} (the same rules the proxy applies before it signs) over
 * the signatures of a document and its embedded manifest, and reports the result.
 */
final class ProcessEvaluation {

    /** The manifest's bytes, and whether the creator's (first) signature covers them. */
    record Manifest(byte[] json, boolean coveredByCreator) {
    }

    private ProcessEvaluation() {
    }

    /** Null when the document carries no manifest. */
    static ProcessReport evaluate(Manifest manifest, List<SignatureReport> signatures, List<String> problems) {
        if (manifest == null) {
            return null;
        }
        ProcessManifest m;
        try {
            m = ProcessManifestCodec.decode(manifest.json());
        } catch (ManifestFormatException e) {
            return new ProcessReport("MANIFEST_INVALID", null, 0, null, null, List.of(), List.of(),
                    List.of("invalid process manifest: " + e.getMessage()), false,
                    "the embedded process manifest is invalid: " + e.getMessage());
        }
        List<String> extra = new ArrayList<>();
        if (!manifest.coveredByCreator()) {
            extra.add("the process manifest is not covered by the creator's signature");
        }
        List<PerformedSignature> chain = new ArrayList<>();
        List<SignatureReport> counted = new ArrayList<>();
        Instant previous = Instant.EPOCH;
        for (SignatureReport s : signatures) {
            if (s.kind() == SignatureKind.DOCUMENT_TIMESTAMP) {
                continue;
            }
            Optional<Identity> identity = CertifiedIdentity.identity(s.signer());
            if (identity.isEmpty()) {
                extra.add("signature " + s.number() + " names no user and organisation in its certificate");
                continue;
            }
            Instant time = s.signingTime() == null ? previous : Instant.parse(s.signingTime());
            previous = time;
            boolean covers = s.checks().stream().noneMatch(c -> c.check().equals("byte-range")
                    && c.outcome() != CheckResult.Outcome.PASSED);
            chain.add(new PerformedSignature(identity.get(), s.signer().organisationSeal(),
                    Optional.ofNullable(s.processStep()), time, Math.max(0, s.revision()), covers));
            counted.add(s);
        }
        ChainVerdict verdict = ProcessChecker.check(m, chain);
        List<String> violations = new ArrayList<>(extra);
        violations.addAll(verdict.violations());
        List<String> done = new ArrayList<>();
        for (int i = 0; i < counted.size(); i++) {
            String prefix = "signature " + (i + 1) + " ";
            SignatureReport s = counted.get(i);
            if (s.processStep() != null && verdict.violations().stream().noneMatch(v -> v.startsWith(prefix))) {
                done.add(s.processStep() + ": " + s.signer().describe());
            }
        }
        String status = violations.isEmpty() ? verdict.status().name() : ChainVerdict.Status.VIOLATED.name();
        String summary = extra.isEmpty() ? verdict.summary()
                : "process " + m.process().describe() + " was violated: " + String.join("; ", violations);
        return new ProcessReport(status, m.process().id(), m.process().version(), m.documentId(), m.organisation(),
                done, verdict.pendingSteps(), violations, verdict.sealDue() && violations.isEmpty(), summary);
    }
}
