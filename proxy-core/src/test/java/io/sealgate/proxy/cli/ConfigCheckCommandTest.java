package io.sealgate.proxy.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ConfigCheckCommandTest {

    @TempDir
    Path dir;

    @Test
    void validConfigPrintsOkAndExits0() throws Exception {
        Path file = write("good.yaml", DemoConfig.yaml("127.0.0.1", 8080, java.net.URI.create("http://127.0.0.1:9000/")));

        CliRun run = CliRun.complete("config", "check", file.toString());

        assertThat(run.exitCode()).isEqualTo(0);
        assertThat(run.out()).isEqualTo("ok: " + file + "\n");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void invalidConfigPrintsEveryErrorOnItsOwnLineAndExits2() throws Exception {
        Path file = write("bad.yaml", """
                listeners:
                  - host: 127.0.0.1
                    port: 70000
                upstreams:
                  saas:
                    url: http://127.0.0.1:9000
                routes:
                  - name: all
                    match:
                      path-prefix: /
                    upstream: nowhere
                    action: pass
                """);

        CliRun run = CliRun.complete("config", "check", file.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().lines()).containsExactly(
                file + ":3: listeners[0].port: 70000 (expected: an integer 0-65535)",
                file + ":11: routes[0].upstream: nowhere: no such upstream (expected: one of saas)");
    }

    @Test
    void aPartnerProcessBelowBltIsValidButWarnedAbout() throws Exception {
        Path file = write("partner.yaml", """
                listeners: [{host: 127.0.0.1, port: 0}]
                upstreams: {saas: {url: "http://127.0.0.1:9000"}}
                routes: [{name: all, upstream: saas, action: pass}]
                organisation: {name: Acme, seal-key: seal}
                signing: {level: B-T}
                processes:
                  contract:
                    steps:
                      - { id: create, meaning: create, users: [alice] }
                      - { id: legal, meaning: approve, organisation: Globex, users: [gina] }
                      - { id: globex-seal, meaning: seal, organisation: Globex }
                """);

        CliRun run = CliRun.complete("config", "check", file.toString());

        assertThat(run.exitCode()).isEqualTo(0);
        assertThat(run.out()).isEqualTo("ok: " + file + "\n");
        assertThat(run.err()).isEqualTo("warning: processes.contract gives steps to Globex but signing.level is B-T:"
                + " use B-LT or B-LTA, so that it can check the revocation of this organisation's certificates from"
                + " the document itself\n");
    }

    @Test
    void missingFileExits2WithOneLine() throws Exception {
        Path file = dir.resolve("absent.yaml");

        CliRun run = CliRun.complete("config", "check", file.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines()).hasSize(1);
        assertThat(run.err()).startsWith(file + ": yaml: ");
    }

    @Test
    void checkWithoutAFileIsAUsageError() throws Exception {
        CliRun run = CliRun.complete("config", "check");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo(
                "sealgate: Missing required parameter: 'FILE' (see 'sealgate config check --help')\n");
    }

    private Path write(String name, String yaml) throws Exception {
        return Files.writeString(dir.resolve(name), yaml);
    }
}
