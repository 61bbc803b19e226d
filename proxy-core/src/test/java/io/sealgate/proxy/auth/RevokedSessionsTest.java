package io.sealgate.proxy.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The logout file: what survives a reopen, what is dropped, and which files stop the start. */
class RevokedSessionsTest {

    private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");

    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve("state/revoked-sessions");
    }

    private static Clock at(Instant instant) {
        return Clock.fixed(instant, ZoneOffset.UTC);
    }

    @Test
    void aLogoutIsOnDiskWhenItsFutureCompletesAndSurvivesAReopen() throws Exception {
        RevokedSessions sessions = RevokedSessions.open(file(), at(NOW));
        sessions.revoke("sid-1", NOW.getEpochSecond() + 3600).get();

        assertThat(Files.readAllLines(file())).containsExactly(RevokedSessions.HEADER,
                Login.sha256Hex("sid-1") + " " + (NOW.getEpochSecond() + 3600));
        RevokedSessions reopened = RevokedSessions.open(file(), at(NOW.plusSeconds(60)));
        assertThat(reopened.isRevoked("sid-1")).isTrue();
        assertThat(reopened.isRevoked("sid-2")).isFalse();
    }

    @Test
    void entriesPastTheirSessionsExpiryAreDroppedOnReopen() throws Exception {
        RevokedSessions sessions = RevokedSessions.open(file(), at(NOW));
        sessions.revoke("short", NOW.getEpochSecond() + 60).get();
        sessions.revoke("long", NOW.getEpochSecond() + 7200).get();

        RevokedSessions reopened = RevokedSessions.open(file(), at(NOW.plusSeconds(3600)));

        assertThat(reopened.size()).isEqualTo(1);
        assertThat(reopened.isRevoked("long")).isTrue();
        assertThat(Files.readAllLines(file())).hasSize(2);
    }

    @Test
    void aCutOffLastLineStopsTheStart() throws Exception {
        Files.createDirectories(file().getParent());
        Files.writeString(file(), RevokedSessions.HEADER + "\n" + Login.sha256Hex("x") + " 17");

        assertThatThrownBy(() -> RevokedSessions.open(file(), at(NOW))).isInstanceOf(IOException.class)
                .hasMessageStartingWith("revoked-sessions-file: " + file() + " line 2: the last line is cut off (a "
                        + "write did not finish); Sealgate will not start with it");
    }

    @Test
    void aFileWithoutTheHeaderStopsTheStart() throws Exception {
        Files.createDirectories(file().getParent());
        Files.writeString(file(), "{}\n");

        assertThatThrownBy(() -> RevokedSessions.open(file(), at(NOW))).isInstanceOf(IOException.class)
                .hasMessageStartingWith("revoked-sessions-file: " + file() + " line 1: not a revoked-sessions file "
                        + "(expected: the first line sealgate-revoked-sessions 1)");
    }
}
