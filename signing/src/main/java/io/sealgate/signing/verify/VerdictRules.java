package io.sealgate.signing.verify;

import java.util.List;

/** The one place where the overall verdict and its summary sentence are decided (docs/verification.md). */
final class VerdictRules {

    record Result(Verdict verdict, String summary) {
    }

    private VerdictRules() {
    }

    static Result decide(List<SignatureReport> signatures, ProcessReport process, List<ChangeReport> changes,
                         List<String> problems) {
        if (signatures.isEmpty()) {
            return new Result(Verdict.INVALID, "the document carries no signature"
                    + (problems.isEmpty() ? "" : " (" + problems.get(0) + ")"));
        }
        for (SignatureReport s : signatures) {
            if (s.status() != SignatureStatus.VALID) {
                return new Result(Verdict.INVALID, label(s) + " is " + s.status().name().toLowerCase(
                        java.util.Locale.ROOT) + ": " + s.reason());
            }
        }
        ChangeReport bad = changes.stream().filter(c -> !c.allowed()).findFirst().orElse(null);
        if (bad != null) {
            return new Result(Verdict.INVALID, "the document was changed after it was signed: " + bad.description()
                    + " (revision " + bad.revision() + ")");
        }
        String count = signatures.size() == 1 ? "the signature is valid" : "all " + signatures.size()
                + " signatures are valid";
        if (process == null) {
            return new Result(Verdict.VALID, count + "; the document carries no process manifest");
        }
        return switch (process.status()) {
            case "FOLLOWED_COMPLETE" -> new Result(Verdict.VALID, count + "; " + process.summary());
            case "FOLLOWED_INCOMPLETE" -> new Result(Verdict.INCOMPLETE, count + "; " + process.summary());
            default -> new Result(Verdict.INVALID, process.summary());
        };
    }

    static String label(SignatureReport s) {
        String what = switch (s.kind()) {
            case DOCUMENT_TIMESTAMP -> "document timestamp ";
            case COUNTER_SIGNATURE -> "counter-signature ";
            default -> "signature ";
        };
        return what + s.number() + (s.signer() == null ? "" : " (" + s.signer().describe() + ")");
    }
}
