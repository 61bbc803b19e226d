package io.sealgate.config;

/**
 * A secret value read from the config (PIN, password). Its {@link #toString()} never shows the value, so a secret
 * cannot leak into logs or error messages by accident.
 */
public final class Secret {
    private final String value;

    public Secret(String value) {
        this.value = value;
    }

    /** The secret itself; call only where it is handed to the component that needs it. */
    public String reveal() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret s && s.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return "******";
    }
}
