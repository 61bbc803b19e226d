package io.sealgate.signing.log;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One signature the proxy made: who, authenticated how, with which key, over which document, in which process step,
 * and whether the signed document reached the upstream. Hashes are lowercase hexadecimal SHA-256 digests; the time is
 * truncated to milliseconds so that {@link LeafCodec} round-trips it exactly.
 *
 * @param time                 when the signature was made
 * @param userId               the signing user, or the seal's owner
 * @param authentication       how the user was authenticated
 * @param keyLabel             the key's label in the token
 * @param certificateSha256    SHA-256 of the signer certificate's DER encoding
 * @param documentName         the document's name as the upstream knows it (its path)
 * @param documentSha256Before SHA-256 of the document as received
 * @param documentSha256After  SHA-256 of the signed document as forwarded
 * @param signatureValueSha256 SHA-256 of the raw signature value the token produced
 * @param processTemplate      the process template, when the route runs one
 * @param processStep          the step this signature performs, when the route runs a process
 * @param route                the route's name
 * @param requestId            the proxy's request id
 * @param delivery             the delivery status known at append time; later changes are {@link StatusChange}s
 */
public record LogEntry(Instant time, String userId, Authentication authentication, String keyLabel,
                       String certificateSha256, String documentName, String documentSha256Before,
                       String documentSha256After, String signatureValueSha256, Optional<String> processTemplate,
                       Optional<String> processStep, String route, String requestId, DeliveryStatus delivery)
        implements LogLeaf {

    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    public LogEntry {
        time = requireNonNull(time, "time").truncatedTo(ChronoUnit.MILLIS);
        requireNonNull(userId, "userId");
        requireNonNull(authentication, "authentication");
        requireNonNull(keyLabel, "keyLabel");
        checkSha256("certificateSha256", certificateSha256);
        requireNonNull(documentName, "documentName");
        checkSha256("documentSha256Before", documentSha256Before);
        checkSha256("documentSha256After", documentSha256After);
        checkSha256("signatureValueSha256", signatureValueSha256);
        requireNonNull(processTemplate, "processTemplate");
        requireNonNull(processStep, "processStep");
        requireNonNull(route, "route");
        requireNonNull(requestId, "requestId");
        requireNonNull(delivery, "delivery");
    }

    static void checkSha256(String name, String value) {
        requireNonNull(value, name);
        if (!SHA256_HEX.matcher(value).matches()) {
            throw new IllegalArgumentException(name + ": \"" + value + "\" (expected: 64 lowercase hex digits)");
        }
    }

    /**
     * How the user proved who they are.
     *
     * @param source        the authentication source, for example {@code "oidc"}, {@code "basic"}, {@code "mtls"}
     * @param tokenIdSha256 SHA-256 (hex) of the token id ({@code jti}) or session id, never the token itself
     * @param authTime      when the user last authenticated at the identity provider ({@code auth_time})
     * @param acr           the authentication context class ({@code acr})
     */
    public record Authentication(String source, Optional<String> tokenIdSha256, Optional<Instant> authTime,
                                 Optional<String> acr) {

        public Authentication {
            requireNonNull(source, "source");
            requireNonNull(tokenIdSha256, "tokenIdSha256").ifPresent(v -> checkSha256("tokenIdSha256", v));
            authTime = requireNonNull(authTime, "authTime").map(t -> t.truncatedTo(ChronoUnit.MILLIS));
            requireNonNull(acr, "acr");
        }

        /** An authentication known only by its source. */
        public static Authentication of(String source) {
            return new Authentication(source, Optional.empty(), Optional.empty(), Optional.empty());
        }
    }
}
