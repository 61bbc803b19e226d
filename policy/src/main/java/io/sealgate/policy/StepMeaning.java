package io.sealgate.policy;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** What performing a step means; it is recorded in the manifest so that a verifier can show it. */
public enum StepMeaning {
    /** The document was created (uploaded) by the signer; always and only the first step. */
    CREATE("create"),
    /** The signer reviewed the document. */
    REVIEW("review"),
    /** The signer approved the document. */
    APPROVE("approve"),
    /**
     * An organisation seal in the middle or at the end of a process: the step's organisation (by its seal key, not a
     * person) confirms that every step before it was followed. Its Sealgate applies it automatically as soon as it
     * is the open step; nobody requests it.
     */
    SEAL("seal");

    private final String wireName;

    StepMeaning(String wireName) {
        this.wireName = wireName;
    }

    /** The spelling in YAML and in the manifest JSON, e.g. {@code approve}. */
    public String wireName() {
        return wireName;
    }

    /** {@code create, review, approve or seal}: every wire name, for "expected" hints. */
    public static String expectedNames() {
        List<String> names = Arrays.stream(values()).map(StepMeaning::wireName).toList();
        return String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
    }

    public static Optional<StepMeaning> fromWireName(String name) {
        return Arrays.stream(values()).filter(m -> m.wireName.equals(name)).findFirst();
    }
}
