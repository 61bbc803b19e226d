package io.sealgate.config;

import static io.sealgate.config.SigningConfigTest.HEAD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Errors of pluggable validators are placed on the line their key path names, among the loader's own. */
class ValidatorHookTest {

    private static final String YAML = HEAD + """
            processes:
              po:
                <<: {version: 2}
                steps:
                  - {id: create, meaning: create, users: [alice]}
                  - id: review
                    meaning: review
            routes: [{name: pass, upstream: saas, action: pass}]
            """;

    @TempDir
    Path dir;

    private Path file;

    @BeforeEach
    void createFiles() throws Exception {
        Files.writeString(dir.resolve("lib.so"), "");
        file = dir.resolve("sealgate.yaml");
    }

    private static ConfigError keyed(String key, String message) {
        return new ConfigError(Optional.empty(), 0, key, message);
    }

    private ConfigError error(int line, String key, String message) {
        return new ConfigError(Optional.of(file), line, key, message);
    }

    private List<ConfigError> errors(String yaml, ConfigError... reported) {
        return SigningConfigTest.errorsOf(() -> ConfigLoader.builder().environment(SigningConfigTest.ENV::get)
                .validator(config -> List.of(reported)).build().parse(yaml, file));
    }

    @Test
    void errorsAreLocatedByTheirKeyPath() {
        assertThat(errors(YAML,
                keyed("processes.po.steps[1].meaning", "review (expected: approve)"),
                keyed("processes.po.steps[0].users[0]", "alice (expected: bob)"),
                keyed("processes.po.version", "2 (expected: 1)"))).containsExactly(
                error(6, "processes.po.version", "2 (expected: 1)"),
                error(8, "processes.po.steps[0].users[0]", "alice (expected: bob)"),
                error(10, "processes.po.steps[1].meaning", "review (expected: approve)"));
    }

    @Test
    void aKeyThatIsNotWrittenIsLocatedAtTheDeepestMappingThatIs() {
        assertThat(errors(YAML,
                keyed("processes.po.steps[1].users", "missing (expected: a user)"),
                keyed("processes.po.seal", "missing (expected: a seal)"),
                keyed("nowhere", "missing (expected: it)"))).containsExactly(
                error(1, "nowhere", "missing (expected: it)"),
                error(6, "processes.po.seal", "missing (expected: a seal)"),
                error(9, "processes.po.steps[1].users", "missing (expected: a user)"));
    }

    @Test
    void validatorErrorsInAnEntryBindingAlreadyFaultedAreDropped() {
        String yaml = YAML.replace("meaning: review", "meaning: sign");

        assertThat(errors(yaml,
                keyed("processes.po.steps[1].id", "review (expected: unique)"),
                keyed("routes[0].name", "pass (expected: another name)"))).containsExactly(
                error(10, "processes.po.steps[1].meaning", "sign (expected: create, review, approve or seal)"),
                error(11, "routes[0].name", "pass (expected: another name)"));
    }

    @Test
    void aValidatorThrowingOnAValidConfigIsABug() {
        ConfigLoader loader = ConfigLoader.builder().environment(SigningConfigTest.ENV::get)
                .validator(config -> {
                    throw new IllegalStateException("validator bug");
                }).build();

        assertThatThrownBy(() -> loader.parse(YAML, file)).isInstanceOf(IllegalStateException.class)
                .hasMessage("validator bug");
    }

    @Test
    void aValidatorThrowingOnABrokenConfigIsIgnored() {
        List<ConfigError> seen = new ArrayList<>();
        ConfigLoader loader = ConfigLoader.builder().environment(SigningConfigTest.ENV::get)
                .validator(config -> {
                    throw new NullPointerException();
                })
                .validator(config -> {
                    seen.add(keyed("x", "y"));
                    return List.of();
                }).build();

        assertThat(SigningConfigTest.errorsOf(() -> loader.parse(YAML.replace("port: 0", "port: -1"), file)))
                .containsExactly(error(1, "listeners[0].port", "-1 (expected: an integer 0-65535)"));
        assertThat(seen).hasSize(1);
    }
}
