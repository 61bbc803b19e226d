package io.sealgate.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SubstitutionsTest {

    @TempDir
    Path dir;

    private Substitutions substitutions() {
        return new Substitutions(Map.of("HOST", "saas.internal", "EMPTY", "")::get, new FileChecks(dir));
    }

    @Test
    void referencesAreExpandedInsideLongerValues() throws Exception {
        assertThat(substitutions().resolve("https://${HOST}:8443/${EMPTY}x")).isEqualTo("https://saas.internal:8443/x");
    }

    @Test
    void textWithoutReferencesIsReturnedUnchanged() throws Exception {
        assertThat(substitutions().resolve("a $ sign and {braces}")).isEqualTo("a $ sign and {braces}");
    }

    @Test
    void fileReferenceDropsExactlyOneTrailingNewline() throws Exception {
        Files.writeString(dir.resolve("lf"), "pin\n\n");
        Files.writeString(dir.resolve("crlf"), "pin\r\n");

        assertThat(substitutions().resolve("${file:lf}")).isEqualTo("pin\n");
        assertThat(substitutions().resolve("${file:" + dir.resolve("crlf") + "}")).isEqualTo("pin");
    }

    @Test
    void oversizedSecretFileIsRefused() throws Exception {
        Files.write(dir.resolve("big"), new byte[Substitutions.MAX_FILE_BYTES + 1]);

        assertThatThrownBy(() -> substitutions().resolve("${file:big}"))
                .hasMessage("${file:big}: larger than 65536 bytes (expected: a readable file holding the value)");
    }

    @Test
    void unclosedReferenceIsRefused() {
        assertThatThrownBy(() -> substitutions().resolve("abc${HOST"))
                .hasMessage("${HOST (expected: a closing '}' after '${')");
    }

    @Test
    void malformedVariableNameIsRefused() {
        assertThatThrownBy(() -> substitutions().resolve("${MY HOST}"))
                .hasMessage("${MY HOST} (expected: ${NAME} with a name of letters, digits and '_', or ${file:/path})");
    }
}
