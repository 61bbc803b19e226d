package io.sealgate.signing;

import java.util.Objects;

/**
 * What {@link DocumentSigner} should make, whatever the format: the level and the {@link SignatureOptions}. Immutable;
 * build with {@link #builder(SignatureLevel)}.
 */
public final class SignatureRequest extends SignatureOptions {

    private final SignatureLevel level;

    private SignatureRequest(Builder b) {
        super(b);
        level = b.level;
    }

    public static Builder builder(SignatureLevel level) {
        return new Builder(level);
    }

    public SignatureLevel level() {
        return level;
    }

    /** Builds a {@link SignatureRequest}. */
    public static final class Builder extends SignatureOptions.Builder<Builder> {
        private final SignatureLevel level;

        private Builder(SignatureLevel level) {
            this.level = Objects.requireNonNull(level, "level");
        }

        @Override
        protected Builder self() {
            return this;
        }

        public SignatureRequest build() {
            return new SignatureRequest(this);
        }
    }
}
