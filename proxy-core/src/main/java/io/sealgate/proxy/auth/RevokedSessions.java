package io.sealgate.proxy.auth;

import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Sessions ended by logout, kept until the cookie would have expired anyway, so a copy of a logged-out cookie is
 * refused, also after a restart. Each logout is appended to {@code authentication.oidc-login.revoked-sessions-file}
 * as {@code <SHA-256 of the session id> <expiry, epoch seconds>} and forced to disk before {@link #revoke}'s future
 * completes, so a logout the browser saw answered is never forgotten. Opening the file drops expired entries; the
 * file is rewritten (atomically) when it holds many more lines than live entries, so its size follows the logouts
 * of the last session lifetime. A file that does not parse stops the start: accepting it would silently forget
 * logouts.
 *
 * <p>Thread-safe. Lookups are in memory; appends run one at a time on a private thread, never on the caller's.
 */
final class RevokedSessions {

    static final String HEADER = "sealgate-revoked-sessions 1";
    /** Live entries beyond this make a logout fail (503) rather than let the list grow without bound. */
    static final int MAX_ENTRIES = 1_000_000;
    private static final Pattern LINE = Pattern.compile("([0-9a-f]{64}) (\\d{1,12})");

    private final Map<String, Long> revoked = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Path file;
    private final ThreadPoolExecutor writer;
    /** Lines in the file (header excluded); touched on the writer thread only. */
    private int lines;

    private RevokedSessions(Path file, Clock clock) {
        this.file = file;
        this.clock = clock;
        this.writer = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(4096),
                new DefaultThreadFactory("sealgate-logout", true));
        writer.allowCoreThreadTimeOut(true);
    }

    /**
     * Reads {@code file} (creating it and its directory when missing), drops expired entries and rewrites it.
     *
     * @throws IOException when the file cannot be read or written, or does not parse; the message names the file
     *                     and the line
     */
    static RevokedSessions open(Path file, Clock clock) throws IOException {
        RevokedSessions sessions = new RevokedSessions(file, clock);
        sessions.load();
        return sessions;
    }

    private void load() throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        if (Files.exists(file)) {
            byte[] bytes = Files.readAllBytes(file);
            String text = new String(bytes, StandardCharsets.UTF_8);
            if (!text.isEmpty() && !text.endsWith("\n")) {
                throw corrupt(text.split("\n", -1).length, "the last line is cut off (a write did not finish)");
            }
            List<String> all = text.lines().toList();
            if (all.isEmpty() || !all.get(0).equals(HEADER)) {
                throw corrupt(1, "not a revoked-sessions file (expected: the first line " + HEADER + ")");
            }
            long now = clock.instant().getEpochSecond();
            for (int i = 1; i < all.size(); i++) {
                var m = LINE.matcher(all.get(i));
                if (!m.matches()) {
                    throw corrupt(i + 1, "not '<sha-256 hex> <epoch seconds>'");
                }
                long expiresAt = Long.parseLong(m.group(2));
                if (expiresAt >= now) {
                    revoked.merge(m.group(1), expiresAt, Math::max);
                }
            }
        }
        rewrite();
    }

    private IOException corrupt(int line, String why) {
        return new IOException("revoked-sessions-file: " + file + " line " + line + ": " + why + "; Sealgate will "
                + "not start with it, since logged-out sessions would be accepted again (expected: a file only "
                + "Sealgate writes; restore it, or delete it to forget every logout)");
    }

    /**
     * Revokes {@code sid} at once (in memory) and completes when the logout is on disk; fails when it cannot be
     * written (the revocation then holds until a restart only).
     */
    CompletableFuture<Void> revoke(String sid, long expiresAtEpochSecond) {
        String key = Login.sha256Hex(sid);
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (revoked.size() >= MAX_ENTRIES) {
            purge();
        }
        if (revoked.size() >= MAX_ENTRIES) {
            done.completeExceptionally(new IOException("the logout list holds " + MAX_ENTRIES
                    + " unexpired sessions (expected: fewer; shorten session-lifetime)"));
            return done;
        }
        revoked.merge(key, expiresAtEpochSecond, Math::max);
        try {
            writer.execute(() -> {
                try {
                    append(key + " " + expiresAtEpochSecond + "\n");
                    done.complete(null);
                } catch (IOException | RuntimeException e) {
                    done.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            done.completeExceptionally(new IOException("too many logouts waiting to be written", e));
        }
        return done;
    }

    boolean isRevoked(String sid) {
        return revoked.containsKey(Login.sha256Hex(sid));
    }

    /** Live entries, for tests. */
    int size() {
        return revoked.size();
    }

    private void append(String line) throws IOException {
        // Compact first when most lines are dead: bounds the file by the live entries, not by all logouts ever.
        if (lines > 1024 && lines > 2 * revoked.size()) {
            purge();
            rewrite();
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            ByteBuffer bytes = ByteBuffer.wrap(line.getBytes(StandardCharsets.US_ASCII));
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            channel.force(false);
        }
        lines++;
    }

    /** Writes the live entries to a temporary file, forces it to disk and moves it over the file. */
    private synchronized void rewrite() throws IOException {
        StringBuilder text = new StringBuilder(HEADER).append('\n');
        revoked.forEach((key, expiresAt) -> text.append(key).append(' ').append(expiresAt).append('\n'));
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer bytes = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.US_ASCII));
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            channel.force(true);
        }
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        try (FileChannel directory = FileChannel.open(file.toAbsolutePath().getParent(), StandardOpenOption.READ)) {
            directory.force(true); // the rename itself must survive a crash
        } catch (IOException e) {
            // Some file systems cannot open a directory; the move is still atomic there.
        }
        lines = revoked.size();
    }

    /** Entries whose cookie has expired are refused for expiry already; dropping them bounds the list. */
    private void purge() {
        long now = clock.instant().getEpochSecond();
        revoked.values().removeIf(expiresAt -> expiresAt < now);
    }
}
