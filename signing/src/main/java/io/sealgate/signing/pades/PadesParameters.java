package io.sealgate.signing.pades;

import io.sealgate.signing.SignatureOptions;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What one {@link PadesSigner#sign} call should produce: the level, the signature dictionary's texts, an optional
 * visible stamp, and the {@link SignatureOptions} (Sealgate signed attributes, the sources the level needs). Immutable; build with
 * {@link #builder(PadesLevel)}, which checks that the level's sources are present.
 */
public final class PadesParameters extends SignatureOptions {

    private final PadesLevel level;
    private final String signerName;
    private final String reason;
    private final String location;
    private final String contactInfo;
    private final Instant signingTime;
    private final SignatureAppearance appearance;

    private PadesParameters(Builder b) {
        super(b);
        level = b.level;
        signerName = b.signerName;
        reason = b.reason;
        location = b.location;
        contactInfo = b.contactInfo;
        signingTime = b.signingTime;
        appearance = b.appearance;
    }

    public static Builder builder(PadesLevel level) {
        return new Builder(level);
    }

    public PadesLevel level() {
        return level;
    }

    public Optional<String> signerName() {
        return Optional.ofNullable(signerName);
    }

    public Optional<String> reason() {
        return Optional.ofNullable(reason);
    }

    public Optional<String> location() {
        return Optional.ofNullable(location);
    }

    public Optional<String> contactInfo() {
        return Optional.ofNullable(contactInfo);
    }

    /** The claimed signing time written to {@code /M}; empty means "the clock at signing". */
    public Optional<Instant> signingTime() {
        return Optional.ofNullable(signingTime);
    }

    /** Empty for an invisible signature (the default). */
    public Optional<SignatureAppearance> appearance() {
        return Optional.ofNullable(appearance);
    }

    /** Builds {@link PadesParameters}; every setter accepts {@code null} for "not set". */
    public static final class Builder extends SignatureOptions.Builder<Builder> {
        private final PadesLevel level;
        private String signerName;
        private String reason;
        private String location;
        private String contactInfo;
        private Instant signingTime;
        private SignatureAppearance appearance;

        private Builder(PadesLevel level) {
            this.level = Objects.requireNonNull(level, "level");
        }

        @Override
        protected Builder self() {
            return this;
        }

        public Builder signerName(String signerName) {
            this.signerName = signerName;
            return this;
        }

        public Builder reason(String reason) {
            this.reason = reason;
            return this;
        }

        public Builder location(String location) {
            this.location = location;
            return this;
        }

        public Builder contactInfo(String contactInfo) {
            this.contactInfo = contactInfo;
            return this;
        }

        public Builder signingTime(Instant signingTime) {
            this.signingTime = signingTime;
            return this;
        }

        public Builder appearance(SignatureAppearance appearance) {
            this.appearance = appearance;
            return this;
        }

        /**
         * @throws IllegalStateException when the level needs a source that is not set, e.g.
         *         {@code "timestampSource: null (expected: set for level BASELINE_T)"}
         */
        public PadesParameters build() {
            if (level.needsTimestamp() && !hasTimestampSource()) {
                throw new IllegalStateException("timestampSource: null (expected: set for level " + level + ")");
            }
            if (level.needsValidationData() && !hasRevocationSource()) {
                throw new IllegalStateException("revocationSource: null (expected: set for level " + level + ")");
            }
            return new PadesParameters(this);
        }
    }
}
