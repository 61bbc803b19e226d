package io.sealgate.policy;

import java.util.Arrays;
import java.util.Optional;

/** What performing a step means; it is recorded in the manifest so that a verifier can show it. */
public enum StepMeaning {
    /** The document was created (uploaded) by the signer; always and only the first step. */
    CREATE("create"),
    /** The signer reviewed the document. */
    REVIEW("review"),
    /** The signer approved the document. */
    APPROVE("approve");

    private final String wireName;

    StepMeaning(String wireName) {
        this.wireName = wireName;
    }

    /** The spelling in YAML and in the manifest JSON, e.g. {@code approve}. */
    public String wireName() {
        return wireName;
    }

    public static Optional<StepMeaning> fromWireName(String name) {
        return Arrays.stream(values()).filter(m -> m.wireName.equals(name)).findFirst();
    }
}
