package io.sealgate.signing.verify;

import java.util.List;
import java.util.Objects;

/**
 * An RFC 3161 timestamp token found on a signature (signature-time-stamp) or as a document timestamp.
 *
 * @param time    the token's genTime, ISO-8601 UTC
 * @param tsa     the TSA certificate's subject, RFC 2253 form; null when the token carries no certificate
 * @param status  whether the token is valid and trusted
 * @param checks  imprint, signature, TSA certificate, path
 */
public record TimestampReport(String time, String tsa, SignatureStatus status, List<CheckResult> checks) {

    public TimestampReport {
        Objects.requireNonNull(status, "status");
        checks = List.copyOf(checks);
    }
}
