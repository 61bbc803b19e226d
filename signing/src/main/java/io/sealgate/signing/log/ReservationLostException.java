package io.sealgate.signing.log;

/**
 * A reserved leaf index can no longer be filled: its reservation expired and another instance voided the index
 * (see {@link LogStore#fill}). Nothing was stored; whatever embeds the index must be discarded.
 */
public final class ReservationLostException extends LogException {
    private static final long serialVersionUID = 1L;
    private final long index;

    public ReservationLostException(String message, long index) {
        super(message);
        this.index = index;
    }

    /** The leaf index whose reservation was lost. */
    public long index() {
        return index;
    }
}
