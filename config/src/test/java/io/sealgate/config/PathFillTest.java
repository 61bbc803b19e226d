package io.sealgate.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class PathFillTest {

    private static final PathPattern FILES = PathPattern.template("/t/{tenant}/files/{name}");
    private static final PathPattern DAV = PathPattern.template("/dav/{path...}");

    @Test
    void variablesAreFilledAndReEncoded() {
        assertThat(PathFill.fill("/files/{name}", FILES, Map.of("tenant", "acme", "name", "po 17 ü?.pdf")))
                .isEqualTo("/files/po%2017%20%C3%BC%3F.pdf");
    }

    @Test
    void aSlashInAOneSegmentVariableStaysInsideTheSegment() {
        // The client sent name=a%2F..%2Fsecret: decoded it is "a/../secret", which must not become a path.
        assertThat(PathFill.fill("/files/{name}", FILES, Map.of("tenant", "acme", "name", "a/../secret")))
                .isEqualTo("/files/a%2F..%2Fsecret");
    }

    @Test
    void theRestVariableKeepsItsSlashes() {
        assertThat(PathFill.fill("/store/{path...}", DAV, Map.of("path", "a b/c.pdf"))).isEqualTo("/store/a%20b/c.pdf");
        assertThat(PathFill.fill("/store/{path}", DAV, Map.of("path", "a/c.pdf"))).isEqualTo("/store/a/c.pdf");
    }

    @Test
    void dotSegmentsAreRefused() {
        assertThatThrownBy(() -> PathFill.fill("/files/{name}", FILES, Map.of("tenant", "a", "name", "..")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("{name}: a dot or empty segment (expected: a file name)");
        assertThatThrownBy(() -> PathFill.fill("/store/{path}", DAV, Map.of("path", "a/../../etc")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("{path}: a dot or empty segment (expected: a file name)");
    }

    @Test
    void anUnknownVariableIsRefused() {
        assertThatThrownBy(() -> PathFill.fill("/files/{id}", FILES, Map.of("tenant", "a", "name", "b")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("{id}: no such path variable (expected: one of name, tenant)");
    }

    @Test
    void cadesPathIsRelativeToTheDocumentsDirectoryUnlessAbsolute() {
        Map<String, String> vars = Map.of("tenant", "acme", "name", "po.docx");
        assertThat(PathFill.cadesPath("/t/acme/files/po.docx", Optional.empty(), FILES, vars))
                .isEqualTo("/t/acme/files/po.docx.p7s");
        assertThat(PathFill.cadesPath("/t/acme/files/po.docx", Optional.of("{name}.sig"), FILES, vars))
                .isEqualTo("/t/acme/files/po.docx.sig");
        assertThat(PathFill.cadesPath("/t/acme/files/po.docx", Optional.of("/sig/{tenant}/{name}.p7s"), FILES, vars))
                .isEqualTo("/sig/acme/po.docx.p7s");
    }
}
