package io.sealgate.signing.log;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * A leaf that fills a reserved index whose signature never came: the signing failed after the index was reserved,
 * or the reservation expired (the instance holding it stopped, or took longer than the reservation timeout). Leaf
 * indexes stay dense, so every index a document may embed leads to a leaf; a void leaf vouches for no signature, and
 * a {@link StatusChange} may not refer to it.
 *
 * @param time      when the index was voided; truncated to milliseconds
 * @param requestId the request that had reserved the index
 * @param reason    why, such as {@code "signing failed after the index was reserved"}
 */
public record VoidLeaf(Instant time, String requestId, String reason) implements LogLeaf {

    public VoidLeaf {
        time = requireNonNull(time, "time").truncatedTo(ChronoUnit.MILLIS);
        requireNonNull(requestId, "requestId");
        requireNonNull(reason, "reason");
    }
}
