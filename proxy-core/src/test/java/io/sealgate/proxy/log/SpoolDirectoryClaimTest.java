package io.sealgate.proxy.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sealgate.config.SpoolDirectory;
import io.sealgate.proxy.SealgateServer;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A proxy owns its spool directory ({@code signing.spool-dir}) while it runs: it locks it, so a second instance
 * configured with the same directory is refused, and at start it removes the files an earlier run left there.
 */
class SpoolDirectoryClaimTest {

    @TempDir
    Path dir;

    private LoggingProxySetup setup;
    private SealgateServer first;
    private SealgateServer second;

    @BeforeEach
    void setUp() throws Exception {
        setup = new LoggingProxySetup(dir);
    }

    @AfterEach
    void tearDown() {
        for (SealgateServer server : new SealgateServer[] {first, second}) {
            if (server != null) {
                server.close();
            }
        }
        setup.close();
    }

    @Test
    void aSecondInstanceOnTheSameSpoolDirectoryIsRefusedUntilTheFirstStops() throws Exception {
        Path spool = dir.resolve("spool");
        first = SealgateServer.start(LoggingProxySetup.load(setup.writeConfig("a", 0,
                LoggingProxySetup.fileLog(dir.resolve("log-a")))));
        // its own log, but the same spool directory
        Path other = setup.writeConfig("b", 0, LoggingProxySetup.fileLog(dir.resolve("log-b")));

        assertThatThrownBy(() -> SealgateServer.start(LoggingProxySetup.load(other)))
                .isInstanceOf(IOException.class)
                .hasMessage("cannot start signing: signing.spool-dir: " + spool + ": in use by another Sealgate"
                        + " instance (expected: one spool directory per instance)");

        first.close();
        second = SealgateServer.start(LoggingProxySetup.load(other));
        assertThat(upload(second, "after.pdf").statusCode()).isEqualTo(201);
    }

    @Test
    void theFilesAnEarlierRunLeftAreRemovedAtStartAndNothingElse() throws Exception {
        Path spool = Files.createDirectory(dir.resolve("spool"));
        Files.createTempFile(spool, "upload-", ".tmp");
        Files.createTempFile(spool, "document-", ".tmp");
        Files.writeString(spool.resolve("signed-" + UUID.randomUUID() + ".pdf"), "%PDF-1.7 half-written");
        Files.writeString(spool.resolve("keep-me.txt"), "not Sealgate's");

        first = SealgateServer.start(LoggingProxySetup.load(setup.writeConfig("a", 0,
                LoggingProxySetup.fileLog(dir.resolve("log-a")))));

        try (Stream<Path> files = Files.list(spool)) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .containsExactlyInAnyOrder("keep-me.txt", SpoolDirectory.LOCK_FILE);
        }
        assertThat(upload(first, "doc.pdf").statusCode()).isEqualTo(201);
    }

    private static HttpResponse<String> upload(SealgateServer server, String name) throws Exception {
        URI base = URI.create("http://127.0.0.1:" + server.boundAddresses().get(0).getPort());
        return LoggingProxySetup.put(base, name, LoggingProxySetup.pdf(name));
    }
}
