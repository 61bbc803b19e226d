package io.sealgate.proxy.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The real JVM shutdown path: SIGTERM to a running {@code sealgate demo} process closes it gracefully. */
class ShutdownSignalProcessTest {

    @TempDir
    Path dataDir;

    @Test
    void sigtermStopsTheDemoGracefully() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        // The demo opens its SoftHSM token: the JVM needs the same opening as sealgate.jar's manifest gives it.
        Process process = new ProcessBuilder(java.toString(), "--add-opens",
                "jdk.crypto.cryptoki/sun.security.pkcs11.wrapper=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "demo", "--port", "0", "--data-dir",
                dataDir.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                lines.add(line);
                if (line.contains("# or play all of this at once")) {
                    // SIGTERM; Process.destroy() would also close the stream being read
                    process.toHandle().destroy();
                }
            }
        } finally {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }

        // The test classpath's logging also writes to stdout, so look for our lines among the log lines.
        assertThat(lines).contains("Sealgate demo is running. Press Ctrl-C to stop.", "Stopping the demo.");
        // 128 + SIGTERM: the JVM reports the signal even though the shutdown was graceful.
        assertThat(process.exitValue()).isEqualTo(143);
    }
}
