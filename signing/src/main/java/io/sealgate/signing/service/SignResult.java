package io.sealgate.signing.service;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What {@link SigningService#create} or {@link SigningService#approve} made.
 *
 * @param output     the signed PDF, or for any other file the {@code .p7s}; a file in the spool directory that the
 *                   caller forwards and then deletes
 * @param format     {@code PAdES} or {@code CAdES}
 * @param signatures the signatures made, in order (an approval that completes the process ends with the seal);
 *                   their {@link AppliedSignature#logIndex()}es are what the caller passes to
 *                   {@link SigningService#markDelivered} or {@link SigningService#markUndelivered}
 */
public record SignResult(Path output, String format, List<AppliedSignature> signatures) {
    public SignResult {
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(format, "format");
        signatures = List.copyOf(signatures);
    }

    /** The log indexes of {@link #signatures()}, in order. */
    public List<Long> logIndexes() {
        return signatures.stream().map(AppliedSignature::logIndex).toList();
    }
}
