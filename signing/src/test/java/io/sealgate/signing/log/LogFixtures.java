package io.sealgate.signing.log;

import java.time.Instant;
import java.util.Optional;

/** Sample leaves for the log tests. */
final class LogFixtures {
    static final String CERT = "11".repeat(32);
    static final String BEFORE = "22".repeat(32);
    static final String AFTER = "33".repeat(32);
    static final String SIGNATURE = "44".repeat(32);
    static final String TOKEN = "55".repeat(32);

    private LogFixtures() {
    }

    /** A fully populated entry: every optional field present. */
    static LogEntry alicesApproval() {
        return new LogEntry(Instant.parse("2026-11-21T10:15:30.123456Z"), "alice",
                new LogEntry.Authentication("oidc", Optional.of(TOKEN),
                        Optional.of(Instant.parse("2026-11-21T10:00:00Z")), Optional.of("urn:acr:mfa")),
                "alice", CERT, "/docs/po-17.pdf", BEFORE, AFTER, SIGNATURE, Optional.of("purchase-order"),
                Optional.of("approve"), "docs", "req-0001", DeliveryStatus.DELIVERED);
    }

    /** Entry number {@code i}, minimal optional fields. */
    static LogEntry entry(int i) {
        return new LogEntry(Instant.ofEpochMilli(1_790_000_000_000L + i), "user" + (i % 7),
                LogEntry.Authentication.of("basic"), "user" + (i % 7), CERT, "/docs/file-" + i + ".pdf", BEFORE,
                AFTER, SIGNATURE, Optional.empty(), Optional.empty(), "docs", "req-" + i, DeliveryStatus.PENDING);
    }
}
