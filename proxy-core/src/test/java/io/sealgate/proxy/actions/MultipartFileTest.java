package io.sealgate.proxy.actions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sealgate.signing.DocumentRejectedException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MultipartFileTest {

    @TempDir
    Path dir;

    private static final String BODY = "preamble\r\n--xyz\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nA\r\n"
            + "--xyz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"C:\\\\docs\\\\po.pdf\"\r\n"
            + "Content-Type: application/pdf\r\n\r\nORIGINAL\r\n--xyz\r\nContent-Disposition: form-data; name=\"b\"\r\n"
            + "\r\nB\r\n--xyz--\r\nepilogue";

    @Test
    void fileContentIsReplacedAndEveryOtherByteKept() throws Exception {
        Path body = Files.writeString(dir.resolve("body"), BODY, StandardCharsets.ISO_8859_1);
        Path signed = Files.writeString(dir.resolve("signed"), "SIGNED-AND-LONGER", StandardCharsets.ISO_8859_1);
        Path out = Files.createFile(dir.resolve("out"));

        MultipartFile part = MultipartFile.find(body, "xyz");
        part.replace(body, signed, out);

        assertThat(part.fileName()).isEqualTo("po.pdf");
        assertThat(Files.readString(out, StandardCharsets.ISO_8859_1))
                .isEqualTo(BODY.replace("ORIGINAL", "SIGNED-AND-LONGER"));
    }

    @Test
    void bodyWithoutAFilePartIsRejected() throws Exception {
        Path body = Files.writeString(dir.resolve("body"), "--xyz\r\nContent-Disposition: form-data; name=\"a\"\r\n"
                + "\r\nA\r\n--xyz--\r\n", StandardCharsets.ISO_8859_1);

        assertThatThrownBy(() -> MultipartFile.find(body, "xyz")).isInstanceOf(DocumentRejectedException.class)
                .hasMessage("multipart/form-data body: no part carries a file (expected: a part with a filename)");
    }

    @Test
    void boundaryIsReadFromTheContentType() {
        assertThat(MultipartFile.boundaryOf("multipart/form-data; boundary=\"a b\"")).contains("a b");
        assertThat(MultipartFile.boundaryOf("application/pdf")).isEqualTo(Optional.empty());
    }
}
