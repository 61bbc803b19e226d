package io.sealgate.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

class PathPatternTest {

    @Test
    void prefixMatchesPathsThatStartWithIt() {
        PathPattern files = PathPattern.prefix("/files/");

        assertThat(files.isPrefix()).isTrue();
        assertThat(files.match("/files/")).contains(Map.of());
        assertThat(files.match("/files/a/b.pdf")).contains(Map.of());
        assertThat(files.match("/files")).isEmpty();
        assertThat(files.match("/filesystem")).isEmpty();
    }

    @Test
    void slashPrefixMatchesEveryPath() {
        assertThat(PathPattern.prefix("/").match("/")).contains(Map.of());
        assertThat(PathPattern.prefix("/").match("/any/thing")).contains(Map.of());
    }

    @Test
    void prefixWithoutLeadingSlashIsRefused() {
        assertThatThrownBy(() -> PathPattern.prefix("files/"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("path prefix: files/ (expected: a path starting with '/')");
    }

    @Test
    void templateVariableCapturesExactlyOneNonEmptySegment() {
        PathPattern pattern = PathPattern.template("/files/{name}");

        assertThat(pattern.isPrefix()).isFalse();
        assertThat(pattern.match("/files/po-17.pdf")).contains(Map.of("name", "po-17.pdf"));
        assertThat(pattern.match("/files/")).isEmpty();
        assertThat(pattern.match("/files")).isEmpty();
        assertThat(pattern.match("/files/a/b")).isEmpty();
        assertThat(pattern.match("/other/a")).isEmpty();
    }

    @Test
    void templateCapturesSeveralVariables() {
        assertThat(PathPattern.template("/t/{tenant}/docs/{id}").match("/t/acme/docs/17"))
                .contains(Map.of("tenant", "acme", "id", "17"));
    }

    @Test
    void restVariableCapturesTheRemainingSegmentsIncludingNone() {
        PathPattern dav = PathPattern.template("/dav/{path...}");

        assertThat(dav.match("/dav/a/b/c.pdf")).contains(Map.of("path", "a/b/c.pdf"));
        assertThat(dav.match("/dav/")).contains(Map.of("path", ""));
        assertThat(dav.match("/dav")).contains(Map.of("path", ""));
        assertThat(dav.match("/davx/a")).isEmpty();
    }

    @Test
    void capturedValuesArePercentDecodedButPlusStaysAPlus() {
        PathPattern pattern = PathPattern.template("/files/{name}");

        assertThat(pattern.match("/files/Q3%20report%C3%A9.pdf")).contains(Map.of("name", "Q3 reporté.pdf"));
        assertThat(pattern.match("/files/a+b")).contains(Map.of("name", "a+b"));
        // An encoded slash stays inside the one segment it was sent in.
        assertThat(pattern.match("/files/a%2Fb")).contains(Map.of("name", "a/b"));
    }

    @Test
    void literalSegmentsAreComparedUndecoded() {
        assertThat(PathPattern.template("/files/{name}").match("/%66iles/a")).isEmpty();
    }

    @Test
    void malformedPercentEncodingDoesNotMatch() {
        assertThat(PathPattern.template("/files/{name}").match("/files/%zz")).isEmpty();
        assertThat(PathPattern.template("/dav/{path...}").match("/dav/a/%E")).isEmpty();
    }

    @Test
    void templateWithoutLeadingSlashIsRefused() {
        assertThatThrownBy(() -> PathPattern.template("files/{name}"))
                .hasMessage("path template: files/{name} (expected: a path starting with '/')");
    }

    @Test
    void variableMustFillAWholeSegment() {
        assertThatThrownBy(() -> PathPattern.template("/files/{name}.pdf"))
                .hasMessage("path template: /files/{name}.pdf (expected: variables that fill a whole segment,"
                        + " like /files/{id})");
    }

    @Test
    void restVariableOnlyAsTheLastSegment() {
        assertThatThrownBy(() -> PathPattern.template("/dav/{path...}/meta"))
                .hasMessage("path template: /dav/{path...}/meta (expected: {path...} only as the last segment)");
    }

    @Test
    void variableNamesAreLettersDigitsUnderscoreOrDash() {
        assertThatThrownBy(() -> PathPattern.template("/files/{}"))
                .hasMessage("path template: /files/{} (expected: variable names of letters, digits, '_' or '-')");
        assertThatThrownBy(() -> PathPattern.template("/files/{a b}"))
                .hasMessage("path template: /files/{a b} (expected: variable names of letters, digits, '_' or '-')");
    }

    @Test
    void variableNamesMustNotRepeat() {
        assertThatThrownBy(() -> PathPattern.template("/{id}/{id}"))
                .hasMessage("path template: /{id}/{id} (expected: each variable name once, but 'id' repeats)");
    }

    @Test
    void patternsAreEqualWhenOfTheSameKindAndSource() {
        assertThat(PathPattern.template("/a/{b}")).isEqualTo(PathPattern.template("/a/{b}"))
                .hasSameHashCodeAs(PathPattern.template("/a/{b}"));
        assertThat(PathPattern.prefix("/a/")).isNotEqualTo(PathPattern.template("/a/"));
    }
}
