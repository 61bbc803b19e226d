package io.sealgate.config;

import java.nio.file.Path;

/**
 * The PKCS#11 token that holds user keys, the organisation seal key and the dev CA.
 *
 * @param library  path of the PKCS#11 module, e.g. {@code /usr/lib/softhsm/libsofthsm2.so}
 * @param label    token label; the slot is looked up by label because SoftHSM assigns random slot ids
 * @param pin      user PIN, usually from {@code ${ENV}} or {@code ${file:...}}
 */
public record TokenConfig(Path library, String label, Secret pin) {}
