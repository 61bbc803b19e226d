package io.sealgate.signing.cades;

import io.sealgate.signing.RevocationSource;
import io.sealgate.signing.TimestampSource;
import io.sealgate.signing.UnsignedAttributeProvider;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What one CAdES signature should carry: the level, the claimed signing time, the Sealgate signed attributes, and the
 * sources the level needs. Immutable; {@link Builder#build()} checks that the level's sources are present.
 */
public final class CadesParameters {

    private final CadesLevel level;
    private final Instant signingTime;
    private final String processStepId;
    private final String requestId;
    private final String processManifest;
    private final TimestampSource timestampSource;
    private final RevocationSource revocationSource;
    private final UnsignedAttributeProvider unsignedAttributes;

    private CadesParameters(Builder b) {
        level = b.level;
        signingTime = b.signingTime;
        processStepId = b.processStepId;
        requestId = b.requestId;
        processManifest = b.processManifest;
        timestampSource = b.timestampSource;
        revocationSource = b.revocationSource;
        unsignedAttributes = b.unsignedAttributes;
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

    /** Signed attribute {@link io.sealgate.signing.SealgateAttributes#PROCESS_STEP_ID}. */
    public Optional<String> processStepId() {
        return Optional.ofNullable(processStepId);
    }

    /** Signed attribute {@link io.sealgate.signing.SealgateAttributes#REQUEST_ID}. */
    public Optional<String> requestId() {
        return Optional.ofNullable(requestId);
    }

    /** Signed attribute {@link io.sealgate.signing.SealgateAttributes#PROCESS_MANIFEST}: the manifest's JSON. */
    public Optional<String> processManifest() {
        return Optional.ofNullable(processManifest);
    }

    public Optional<TimestampSource> timestampSource() {
        return Optional.ofNullable(timestampSource);
    }

    public Optional<RevocationSource> revocationSource() {
        return Optional.ofNullable(revocationSource);
    }

    /** Unsigned attributes to add to the new signer info once its signature value exists. */
    public Optional<UnsignedAttributeProvider> unsignedAttributes() {
        return Optional.ofNullable(unsignedAttributes);
    }

    /** Builds {@link CadesParameters}. */
    public static final class Builder {
        private final CadesLevel level;
        private Instant signingTime;
        private String processStepId;
        private String requestId;
        private String processManifest;
        private TimestampSource timestampSource;
        private RevocationSource revocationSource;
        private UnsignedAttributeProvider unsignedAttributes;

        private Builder(CadesLevel level) {
            this.level = Objects.requireNonNull(level, "level");
        }

        public Builder signingTime(Instant signingTime) {
            this.signingTime = signingTime;
            return this;
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

        public Builder unsignedAttributes(UnsignedAttributeProvider provider) {
            this.unsignedAttributes = provider;
            return this;
        }

        /**
         * @throws IllegalStateException {@code "CAdES BASELINE_T needs a timestamp source"} and the like
         */
        public CadesParameters build() {
            if (level.needsTimestamp() && timestampSource == null) {
                throw new IllegalStateException("CAdES " + level + " needs a timestamp source");
            }
            if (level.needsValidationData() && revocationSource == null) {
                throw new IllegalStateException("CAdES " + level + " needs a revocation source");
            }
            return new CadesParameters(this);
        }
    }
}
