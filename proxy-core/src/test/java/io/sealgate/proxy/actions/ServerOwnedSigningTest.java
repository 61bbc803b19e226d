package io.sealgate.proxy.actions;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code SealgateServer.start(config)} (what {@code sealgate serve} runs) opens the signing service itself. */
class ServerOwnedSigningTest {

    @TempDir
    Path dir;

    @Test
    void serverStartedFromTheConfigAloneSignsUploadsAndLeavesAnEmptySpool() throws Exception {
        try (SigningProxy proxy = new SigningProxy(dir, true)) {
            HttpResponse<String> response = Http.put(proxy.uri("files/po.pdf"), SigningProxy.ALICE,
                    SignUploadTest.samplePdf(), "application/pdf");

            assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
            assertThat(Tools.pdfsig(proxy.stored("po.pdf"))).contains("Signature Validation: Signature is Valid.");
        }
        // close() drained the server and the signing executor: every spool file is gone.
        try (Stream<Path> left = Files.list(dir.resolve("spool"))) {
            assertThat(left).isEmpty();
        }
        assertThat(Files.getPosixFilePermissions(dir.resolve("spool")))
                .containsExactlyInAnyOrder(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                        java.nio.file.attribute.PosixFilePermission.OWNER_WRITE,
                        java.nio.file.attribute.PosixFilePermission.OWNER_EXECUTE);
    }
}
