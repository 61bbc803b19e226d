package io.sealgate.signing.cades;

import io.sealgate.signing.SignatureOptions;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What one CAdES signature should carry: the level, the claimed signing time, and the {@link SignatureOptions}
 * (Sealgate signed attributes, the sources the level needs). Immutable; {@link Builder#build()} checks that the
 * level's sources are present.
 */
public final class CadesParameters extends SignatureOptions {

    private final CadesLevel level;
    private final Instant signingTime;

    private CadesParameters(Builder b) {
        super(b);
        level = b.level;
        signingTime = b.signingTime;
    }

    public static Builder builder(CadesLevel level) {
        return new Builder(level);
    }

    public CadesLevel level() {
        return level;
    }

    /** The signing-time attribute; empty means "the clock at signing". */
    public Optional<Instant> signingTime() {
        return Optional.ofNullable(signingTime);
    }

    /** Builds {@link CadesParameters}. */
    public static final class Builder extends SignatureOptions.Builder<Builder> {
        private final CadesLevel level;
        private Instant signingTime;

        private Builder(CadesLevel level) {
            this.level = Objects.requireNonNull(level, "level");
        }

        @Override
        protected Builder self() {
            return this;
        }

        public Builder signingTime(Instant signingTime) {
            this.signingTime = signingTime;
            return this;
        }

        /**
         * @throws IllegalStateException {@code "CAdES BASELINE_T needs a timestamp source"} and the like
         */
        public CadesParameters build() {
            if (level.needsTimestamp() && !hasTimestampSource()) {
                throw new IllegalStateException("CAdES " + level + " needs a timestamp source");
            }
            if (level.needsValidationData() && !hasRevocationSource()) {
                throw new IllegalStateException("CAdES " + level + " needs a revocation source");
            }
            return new CadesParameters(this);
        }
    }
}
