package io.sealgate.config;

import java.util.Objects;

/**
 * The organisation this Sealgate instance signs for. Required as soon as one route signs.
 *
 * @param name     the creating organisation recorded in process manifests, e.g. {@code Acme Corp}
 * @param sealKey  label of the organisation e-seal key in the token
 */
public record OrganisationConfig(String name, String sealKey) {

    public static final String DEFAULT_SEAL_KEY = "sealgate-seal";

    public OrganisationConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sealKey, "sealKey");
    }
}
