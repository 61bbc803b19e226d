package io.sealgate.proxy.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sealgate.signing.verify.LogInclusionCheck;
import io.sealgate.signing.verify.ReportJson;
import io.sealgate.signing.verify.Verdict;
import io.sealgate.signing.verify.VerificationReport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * How {@code sealgate verify --log/--config} reports the signature log check (docs/verification.md): a
 * {@code Signature log} section after the text report, a {@code log} field in the JSON report, and the verdict
 * INVALID when the log contradicts a signature.
 */
final class LogCheckReport {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private LogCheckReport() {
    }

    /** The report with verdict INVALID, its summary naming the signatures the log contradicts. */
    static VerificationReport invalidated(VerificationReport r, LogInclusionCheck.Result log) {
        return new VerificationReport(r.document(), r.format(), r.size(), r.sha256(), r.verifiedAt(), Verdict.INVALID,
                "the signature log contradicts signature " + numbers(log) + "; " + r.summary(), r.revisions(), r.signatures(),
                r.process(), r.modifications(), r.problems());
    }

    static String text(LogInclusionCheck.Result result) {
        StringBuilder out = new StringBuilder("\nSignature log: ").append(result.log());
        if (!result.checked()) {
            return out.append("\n  ").append(result.reason()).append('\n').toString();
        }
        out.append(" (tree head size ").append(result.treeSize()).append(", ").append(result.treeHeadTime())
                .append(")\n");
        if (result.findings().isEmpty()) {
            out.append("  no signatures to look up\n");
        }
        result.findings().forEach(f -> out.append("  Signature ").append(f.number()).append(": ")
                .append(f.message()).append('\n'));
        return out.toString();
    }

    /**
     * The JSON report, with a {@code log} field when a log was asked for; without one it is exactly the report the
     * HTTP API gives ({@link ReportJson}).
     */
    static String json(VerificationReport report, Optional<LogInclusionCheck.Result> result) {
        try {
            ObjectNode root = (ObjectNode) JSON.readTree(ReportJson.toJson(report));
            if (result.isEmpty()) {
                return JSON.writeValueAsString(root);
            }
            LogInclusionCheck.Result r = result.get();
            ObjectNode log = root.putObject("log");
            log.put("log", r.log());
            log.put("checked", r.checked());
            log.put("reason", r.reason());
            if (r.checked()) {
                log.put("treeSize", r.treeSize());
                log.put("treeHeadTime", r.treeHeadTime());
            } else {
                log.putNull("treeSize");
                log.putNull("treeHeadTime");
            }
            var signatures = log.putArray("signatures");
            for (LogInclusionCheck.Finding f : r.findings()) {
                ObjectNode s = signatures.addObject();
                s.put("number", f.number());
                if (f.logIndex().isPresent()) {
                    s.put("logIndex", f.logIndex().getAsLong());
                } else {
                    s.putNull("logIndex");
                }
                s.put("outcome", f.outcome().name());
                s.put("message", f.message());
            }
            return JSON.writeValueAsString(root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot happen: the report is plain JSON", e);
        }
    }

    private static String numbers(LogInclusionCheck.Result r) {
        return r.findings().stream().filter(f -> f.outcome() == LogInclusionCheck.Outcome.CONTRADICTED)
                .map(f -> String.valueOf(f.number())).collect(Collectors.joining(", "));
    }
}
