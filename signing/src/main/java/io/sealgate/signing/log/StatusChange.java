package io.sealgate.signing.log;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * A later delivery status for the signature recorded at leaf {@code entryIndex}: for example the signature was made
 * (logged as {@link DeliveryStatus#PENDING}) and then the upstream failed. The effective status of an entry is the
 * one in its last status change, or its own when it has none.
 *
 * @param entryIndex the leaf index of the {@link LogEntry} this refers to; it must be an earlier leaf
 * @param status     the new status
 * @param time       when the status became known; truncated to milliseconds
 * @param requestId  the request the entry belongs to
 * @param detail     optional human-readable reason, such as {@code "upstream answered 507"}
 */
public record StatusChange(long entryIndex, DeliveryStatus status, Instant time, String requestId,
                           Optional<String> detail) implements LogLeaf {

    public StatusChange {
        if (entryIndex < 0) {
            throw new IllegalArgumentException("entryIndex: " + entryIndex + " (expected: >= 0)");
        }
        requireNonNull(status, "status");
        time = requireNonNull(time, "time").truncatedTo(ChronoUnit.MILLIS);
        requireNonNull(requestId, "requestId");
        requireNonNull(detail, "detail");
    }
}
