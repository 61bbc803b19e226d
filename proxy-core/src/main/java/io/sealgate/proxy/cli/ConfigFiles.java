package io.sealgate.proxy.cli;

import io.sealgate.config.ConfigException;
import io.sealgate.config.ConfigLoader;
import io.sealgate.config.SealgateConfig;
import io.sealgate.policy.ProcessTemplates;

import java.nio.file.Path;

/** How every command loads a config file: with the process rules of {@code policy/} checked at load. */
public final class ConfigFiles {

    private ConfigFiles() {
    }

    /** Loads and validates {@code file}, processes and key rules included. */
    public static SealgateConfig load(Path file) throws ConfigException {
        return ConfigLoader.builder().validator(ProcessTemplates::validate).build().load(file);
    }
}
