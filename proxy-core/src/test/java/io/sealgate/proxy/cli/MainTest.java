package io.sealgate.proxy.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MainTest {

    @Test
    void noCommandIsAUsageErrorNamingTheCommands() throws Exception {
        CliRun run = CliRun.complete();

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("sealgate: missing command (expected: one of serve, proxy, config, demo, keys, sign, verify, log, help)"
                + " (see 'sealgate --help')\n");
    }

    @Test
    void unknownCommandIsAUsageErrorOnOneLine() throws Exception {
        CliRun run = CliRun.complete("frobnicate");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("sealgate: Unmatched argument at index 0: 'frobnicate' (see 'sealgate --help')\n");
    }

    @Test
    void versionNamesSealgate() throws Exception {
        CliRun run = CliRun.complete("--version");

        assertThat(run.exitCode()).isEqualTo(0);
        assertThat(run.out()).startsWith("sealgate ");
    }

    @Test
    void helpListsEveryCommand() throws Exception {
        CliRun run = CliRun.complete("--help");

        assertThat(run.exitCode()).isEqualTo(0);
        assertThat(run.out()).contains("serve", "proxy", "config", "demo");
    }
}
