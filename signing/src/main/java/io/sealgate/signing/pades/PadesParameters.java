package io.sealgate.signing.pades;

import io.sealgate.signing.RevocationSource;
import io.sealgate.signing.TimestampSource;
import io.sealgate.signing.UnsignedAttributeProvider;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What one {@link PadesSigner#sign} call should produce: the level, the signature dictionary's texts, an optional
 * visible stamp, the Sealgate signed attributes, and the sources the level needs. Immutable; build with
 * {@link #builder(PadesLevel)}, which checks that the level's sources are present.
 */
public final class PadesParameters {

    private final PadesLevel level;
    private final String signerName;
    private final String reason;
    private final String location;
    private final String contactInfo;
    private final Instant signingTime;
    private final SignatureAppearance appearance;
    private final String processStepId;
    private final String requestId;
    private final String processManifest;
    private final TimestampSource timestampSource;
    private final RevocationSource revocationSource;
    private final UnsignedAttributeProvider unsignedAttributes;

    private PadesParameters(Builder b) {
        level = b.level;
        signerName = b.signerName;
        reason = b.reason;
        location = b.location;
        contactInfo = b.contactInfo;
        signingTime = b.signingTime;
        appearance = b.appearance;
        processStepId = b.processStepId;
        requestId = b.requestId;
        processManifest = b.processManifest;
        timestampSource = b.timestampSource;
        revocationSource = b.revocationSource;
        unsignedAttributes = b.unsignedAttributes;
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

    /** Signed attribute {@link io.sealgate.signing.SealgateAttributes#PROCESS_STEP_ID}, when set. */
    public Optional<String> processStepId() {
        return Optional.ofNullable(processStepId);
    }

    /** Signed attribute {@link io.sealgate.signing.SealgateAttributes#REQUEST_ID}, when set. */
    public Optional<String> requestId() {
        return Optional.ofNullable(requestId);
    }

    /**
     * The process manifest (JSON) the creator's signature covers: embedded as {@code sealgate-process.json} in the
     * signed revision. Only the first signature of a document may carry one.
     */
    public Optional<String> processManifest() {
        return Optional.ofNullable(processManifest);
    }

    public Optional<TimestampSource> timestampSource() {
        return Optional.ofNullable(timestampSource);
    }

    public Optional<RevocationSource> revocationSource() {
        return Optional.ofNullable(revocationSource);
    }

    /** Unsigned attributes to add once the signature value exists (e.g. the signature log index). */
    public Optional<UnsignedAttributeProvider> unsignedAttributes() {
        return Optional.ofNullable(unsignedAttributes);
    }

    /** Builds {@link PadesParameters}; every setter accepts {@code null} for "not set". */
    public static final class Builder {
        private final PadesLevel level;
        private String signerName;
        private String reason;
        private String location;
        private String contactInfo;
        private Instant signingTime;
        private SignatureAppearance appearance;
        private String processStepId;
        private String requestId;
        private String processManifest;
        private TimestampSource timestampSource;
        private RevocationSource revocationSource;
        private UnsignedAttributeProvider unsignedAttributes;

        private Builder(PadesLevel level) {
            this.level = Objects.requireNonNull(level, "level");
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
         * @throws IllegalStateException when the level needs a source that is not set, e.g.
         *         {@code "timestampSource: null (expected: set for level BASELINE_T)"}
         */
        public PadesParameters build() {
            if (level.needsTimestamp() && timestampSource == null) {
                throw new IllegalStateException("timestampSource: null (expected: set for level " + level + ")");
            }
            if (level.needsValidationData() && revocationSource == null) {
                throw new IllegalStateException("revocationSource: null (expected: set for level " + level + ")");
            }
            return new PadesParameters(this);
        }
    }
}
