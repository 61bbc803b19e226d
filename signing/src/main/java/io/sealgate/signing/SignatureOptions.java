package io.sealgate.signing;

import java.util.Objects;
import java.util.Optional;

/**
 * What every signature Sealgate makes may carry, whatever its format: the Sealgate signed attributes (process step,
 * request id, process manifest), the sources its level needs (timestamps, revocation data), and the unsigned
 * attributes added once the signature value exists. {@link SignatureRequest}, {@code PadesParameters} and
 * {@code CadesParameters} add what is their own. Immutable.
 */
public abstract class SignatureOptions {

    private final String processStepId;
    private final String requestId;
    private final String processManifest;
    private final TimestampSource timestampSource;
    private final RevocationSource revocationSource;
    private final UnsignedAttributeProvider unsignedAttributes;

    protected SignatureOptions(Builder<?> b) {
        processStepId = b.processStepId;
        requestId = b.requestId;
        processManifest = b.processManifest;
        timestampSource = b.timestampSource;
        revocationSource = b.revocationSource;
        unsignedAttributes = b.unsignedAttributes;
    }

    /** Signed attribute {@link SealgateAttributes#PROCESS_STEP_ID}, when set. */
    public Optional<String> processStepId() {
        return Optional.ofNullable(processStepId);
    }

    /** Signed attribute {@link SealgateAttributes#REQUEST_ID}, when set. */
    public Optional<String> requestId() {
        return Optional.ofNullable(requestId);
    }

    /**
     * The process manifest (JSON) the creator's signature must cover: PAdES embeds it as {@code sealgate-process.json}
     * in the signed revision, CAdES carries it as signed attribute {@link SealgateAttributes#PROCESS_MANIFEST}. Only
     * the first signature of a document may carry one.
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

    /**
     * The setters the formats share; every setter accepts {@code null} for "not set".
     *
     * @param <B> the concrete builder, so that chained calls keep its own setters
     */
    public abstract static class Builder<B extends Builder<B>> {
        private String processStepId;
        private String requestId;
        private String processManifest;
        private TimestampSource timestampSource;
        private RevocationSource revocationSource;
        private UnsignedAttributeProvider unsignedAttributes;

        protected Builder() {
        }

        /** This builder, typed as the concrete one. */
        protected abstract B self();

        public B processStepId(String processStepId) {
            this.processStepId = processStepId;
            return self();
        }

        public B requestId(String requestId) {
            this.requestId = requestId;
            return self();
        }

        public B processManifest(String json) {
            this.processManifest = json;
            return self();
        }

        public B timestampSource(TimestampSource timestampSource) {
            this.timestampSource = timestampSource;
            return self();
        }

        public B revocationSource(RevocationSource revocationSource) {
            this.revocationSource = revocationSource;
            return self();
        }

        public B unsignedAttributes(UnsignedAttributeProvider provider) {
            this.unsignedAttributes = provider;
            return self();
        }

        /** Takes every shared option from {@code options}, e.g. a format-neutral {@link SignatureRequest}. */
        public B options(SignatureOptions options) {
            Objects.requireNonNull(options, "options");
            processStepId = options.processStepId;
            requestId = options.requestId;
            processManifest = options.processManifest;
            timestampSource = options.timestampSource;
            revocationSource = options.revocationSource;
            unsignedAttributes = options.unsignedAttributes;
            return self();
        }

        /** Whether a timestamp source is set; for {@code build()} checks of the level's needs. */
        protected boolean hasTimestampSource() {
            return timestampSource != null;
        }

        /** Whether a revocation source is set; for {@code build()} checks of the level's needs. */
        protected boolean hasRevocationSource() {
            return revocationSource != null;
        }
    }
}
