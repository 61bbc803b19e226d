package io.sealgate.signing.log;

import java.util.OptionalLong;

/**
 * The stored log does not verify: a record fails its checksum, an entry is missing or out of order, or a tree head
 * does not match the entries. The message names the entry or tree head; the log refuses to continue because
 * appending to a log that does not verify would hide the damage.
 */
public class LogCorruptedException extends LogException {
    private static final long serialVersionUID = 1L;
    private final long entryIndex;

    /**
     * @param entryIndex the first entry found wrong, or -1 when the problem is not about one entry
     */
    public LogCorruptedException(String message, long entryIndex) {
        super(message);
        this.entryIndex = entryIndex;
    }

    /** The first entry found wrong, when the problem is about one entry. */
    public OptionalLong entryIndex() {
        return entryIndex < 0 ? OptionalLong.empty() : OptionalLong.of(entryIndex);
    }
}
