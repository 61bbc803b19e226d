package io.sealgate.signing;

import java.util.Objects;
import java.util.Optional;

/**
 * What {@link DocumentSigner} should make, whatever the format: the level, the Sealgate signed attributes, and the
 * sources the level needs. Immutable; build with {@link #builder(SignatureLevel)}.
 */
public final class SignatureRequest {

    private final SignatureLevel level;
    private final String processStepId;
    private final String requestId;
    private final String processManifest;
    private final TimestampSource timestampSource;
    private final RevocationSource revocationSource;

    private SignatureRequest(Builder b) {
        level = b.level;
        processStepId = b.processStepId;
        requestId = b.requestId;
        processManifest = b.processManifest;
        timestampSource = b.timestampSource;
        revocationSource = b.revocationSource;
    }

    public static Builder builder(SignatureLevel level) {
        return new Builder(level);
    }

    public SignatureLevel level() {
        return level;
    }

    public Optional<String> processStepId() {
        return Optional.ofNullable(processStepId);
    }

    public Optional<String> requestId() {
        return Optional.ofNullable(requestId);
    }

    /** The process manifest JSON the creator's signature must cover. */
    public Optional<String> processManifest() {
        return Optional.ofNullable(processManifest);
    }

    public Optional<TimestampSource> timestampSource() {
        return Optional.ofNullable(timestampSource);
    }

    public Optional<RevocationSource> revocationSource() {
        return Optional.ofNullable(revocationSource);
    }

    /** Builds a {@link SignatureRequest}. */
    public static final class Builder {
        private final SignatureLevel level;
        private String processStepId;
        private String requestId;
        private String processManifest;
        private TimestampSource timestampSource;
        private RevocationSource revocationSource;

        private Builder(SignatureLevel level) {
            this.level = Objects.requireNonNull(level, "level");
        }

        public Builder processStepId(String processStepId) {
            this.processStepId = processStepId;
            return this;
        }

        public Builder requestId(String requestId) {
            this.requestId = requestId;
            return this;
        }

        public Builder processManifest(String json) {
            this.processManifest = json;
            return this;
        }

        public Builder timestampSource(TimestampSource timestampSource) {
            this.timestampSource = timestampSource;
            return this;
        }

        public Builder revocationSource(RevocationSource revocationSource) {
            this.revocationSource = revocationSource;
            return this;
        }

        public SignatureRequest build() {
            return new SignatureRequest(this);
        }
    }
}
