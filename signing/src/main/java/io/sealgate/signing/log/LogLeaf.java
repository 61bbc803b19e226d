package io.sealgate.signing.log;

import java.time.Instant;

/**
 * One leaf of the signature log: a {@link LogEntry} (a signature was made), a {@link StatusChange} (what happened
 * afterwards to an earlier entry) or a {@link VoidLeaf} (a reserved index whose signature never came). The log is append-only, so a later fact is a new leaf, never a rewrite.
 * {@link LeafCodec} gives each leaf one canonical byte encoding, whose hash is the Merkle leaf hash.
 */
public sealed interface LogLeaf permits LogEntry, StatusChange, VoidLeaf {

    /** When the event happened, at millisecond precision. */
    Instant time();

    /** The request that caused it. */
    String requestId();
}
