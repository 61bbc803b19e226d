package io.sealgate.signing.verify;

import java.util.List;

/**
 * The human form of a {@link VerificationReport}, as {@code sealgate verify} prints it: the verdict, one block per
 * signature (signer, organisation, step, time and its source, level, result), the process (steps done, pending,
 * violations), then the modifications. Plain text, lines under 120 characters where the content allows.
 */
public final class ReportText {

    private ReportText() {
    }

    public static String render(VerificationReport r) {
        StringBuilder out = new StringBuilder();
        out.append(r.verdict()).append(": ").append(r.summary()).append('\n');
        out.append("document: ").append(r.document()).append(" (").append(r.format()).append(", ")
           .append(r.size()).append(" bytes, SHA-256 ").append(r.sha256()).append(")\n");
        for (SignatureReport s : r.signatures()) {
            out.append('\n').append(VerdictRules.label(s).replaceFirst("^\\w", Character.toString(
                    Character.toUpperCase(VerdictRules.label(s).charAt(0))))).append(": ").append(s.status())
               .append('\n');
            if (s.signer() != null) {
                line(out, "signer", s.signer().subject());
                line(out, "organisation", s.signer().organisation() == null ? "-" : s.signer().organisation()
                        + (s.signer().organisationSeal() ? " (organisation seal)" : ""));
            }
            if (s.kind() != SignatureKind.DOCUMENT_TIMESTAMP) {
                line(out, "step", s.processStep() == null ? "-" : s.processStep());
            }
            line(out, "time", s.signingTime() == null ? "-" : s.signingTime() + " (" + describe(s.timeSource())
                    + ")");
            if (s.kind() != SignatureKind.DOCUMENT_TIMESTAMP) {
                line(out, "level", s.level() == BaselineLevel.NONE ? "-" : "B-" + s.level());
            }
            if (s.fieldName() != null) {
                line(out, "field", s.fieldName() + ", revision " + s.revision());
            }
            line(out, "result", s.status() == SignatureStatus.VALID ? "valid" : s.reason());
            for (CheckResult c : s.checks()) {
                if (c.outcome() == CheckResult.Outcome.WARNING) {
                    line(out, "warning", c.message());
                }
            }
        }
        ProcessReport p = r.process();
        out.append('\n');
        if (p == null) {
            out.append("Process: none (the document carries no process manifest)\n");
        } else {
            out.append("Process: ").append(p.template() == null ? "?" : p.template() + " v" + p.version())
               .append(" for ").append(p.documentId()).append(" (").append(p.organisation()).append("): ")
               .append(p.status()).append('\n');
            list(out, "done", p.stepsDone());
            list(out, "pending", p.pendingSteps());
            list(out, "violation", p.violations());
        }
        out.append('\n');
        if (r.modifications().isEmpty()) {
            out.append("Modifications: none after the first signature\n");
        } else {
            out.append("Modifications:\n");
            for (ChangeReport c : r.modifications()) {
                out.append("  revision ").append(c.revision()).append(": ").append(c.description())
                   .append(c.allowed() ? " (allowed)" : " (NOT ALLOWED)").append('\n');
            }
        }
        for (String problem : r.problems()) {
            out.append("problem: ").append(problem).append('\n');
        }
        return out.toString();
    }

    static String describe(TimeSource source) {
        return switch (source) {
            case TIMESTAMP -> "trusted timestamp";
            case CLAIMED -> "claimed by the signer";
            case NONE -> "none";
        };
    }

    private static void line(StringBuilder out, String key, String value) {
        out.append("  ").append(String.format("%-14s", key + ":")).append(value).append('\n');
    }

    private static void list(StringBuilder out, String key, List<String> values) {
        if (values.isEmpty()) {
            line(out, key, "-");
        }
        for (String v : values) {
            line(out, key, v);
        }
    }
}
