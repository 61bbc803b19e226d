package io.sealgate.bench.log;

import io.sealgate.fixtures.postgres.LocalPostgres;
import io.sealgate.signing.log.DeliveryStatus;
import io.sealgate.signing.log.FileLogStore;
import io.sealgate.signing.log.LeafCodec;
import io.sealgate.signing.log.LogEntry;
import io.sealgate.signing.log.LogStore;
import io.sealgate.signing.log.MerkleProofs;
import io.sealgate.signing.log.MerkleTree;
import io.sealgate.signing.log.PostgresLogStore;
import io.sealgate.signing.log.SignatureLog;
import io.sealgate.signing.log.SignedTreeHead;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * Signature log figures for docs/benchmarks.md: appends per second with durable writes (file store with fsync,
 * PostgreSQL with synchronous commit), proof generation at 10^6 entries, and opening and verifying a 10^6-entry file
 * log. A plain timed main (not JMH): the append figures are dominated by fsync and commit latency, which JMH's
 * machinery would not make more precise. Arguments: {@code --appends N --entries N --proofs N --dir DIR
 * --only all|file|postgres|proofs|open}.
 */
public final class LogBenchmark {
    private static final String HASH = "ab".repeat(32);

    public static void main(String[] args) throws Exception {
        int appends = intArg(args, "--appends", 2000);
        int entries = intArg(args, "--entries", 1_000_000);
        int proofs = intArg(args, "--proofs", 100_000);
        Path dir = Path.of(stringArg(args, "--dir", "/tmp"));
        String only = stringArg(args, "--only", "all");
        BenchKey key = new BenchKey();
        System.out.printf("Signature log benchmark: %d appends per run, %,d entries for proofs, %,d proofs%n%n",
                appends, entries, proofs);
        System.out.println("| measurement | result |");
        System.out.println("|---|---|");

        for (int every : only.matches("all|file") ? new int[] {1, 100} : new int[0]) {
            Path logDir = Files.createTempDirectory(dir, "sealgate-bench-log-");
            try (SignatureLog log = SignatureLog.open(FileLogStore.open(logDir), key, options(every))) {
                row("file store, fsync per append, tree head every " + every + " append(s)",
                        String.format(Locale.ROOT, "%,.0f appends/s", appendRate(log, appends)));
            } finally {
                delete(logDir);
            }
        }

        Optional<String> noPostgres = LocalPostgres.unavailableReason();
        if (!only.matches("all|postgres")) {
            // not asked for
        } else if (noPostgres.isPresent()) {
            row("PostgreSQL", "skipped: " + noPostgres.get());
        } else {
            try (LocalPostgres postgres = LocalPostgres.start()) {
                int database = 0;
                for (int every : new int[] {1, 100}) {
                    String url = createDatabase(postgres, "bench" + database++);
                    try (SignatureLog log = SignatureLog.open(PostgresLogStore.open(url, postgres.jdbcProperties()),
                            key, options(every))) {
                        row("PostgreSQL, 1 instance, tree head every " + every + " append(s)",
                                String.format(Locale.ROOT, "%,.0f appends/s", appendRate(log, appends)));
                    }
                }
                for (int every : new int[] {1, 100}) {
                    String url = createDatabase(postgres, "bench" + database++);
                    row("PostgreSQL, 2 instances appending concurrently, tree head every " + every + " append(s)",
                            String.format(Locale.ROOT, "%,.0f appends/s (total)",
                                    twoInstanceRate(url, postgres, key, every, appends)));
                }
            }
        }

        if (only.matches("all|proofs")) {
            proofFigures(entries, proofs);
        }
        if (only.matches("all|open")) {
            openFigures(dir, key, entries);
        }
    }

    private static double appendRate(SignatureLog log, int appends) throws Exception {
        for (int i = 0; i < appends / 10; i++) {
            log.append(entry(i)); // warm-up
        }
        long start = System.nanoTime();
        for (int i = 0; i < appends; i++) {
            log.append(entry(i));
        }
        return appends / seconds(start);
    }

    private static double twoInstanceRate(String url, LocalPostgres postgres, BenchKey key, int every, int appends)
            throws Exception {
        ExecutorService executor = Executors.newFixedThreadPool(2);
        try (SignatureLog a = SignatureLog.open(PostgresLogStore.open(url, postgres.jdbcProperties()), key,
                options(every));
             SignatureLog b = SignatureLog.open(PostgresLogStore.open(url, postgres.jdbcProperties()), key,
                     options(every))) {
            long start = System.nanoTime();
            List<Future<Double>> runs = new ArrayList<>();
            for (SignatureLog log : List.of(a, b)) {
                runs.add(executor.submit(() -> {
                    for (int i = 0; i < appends / 2; i++) {
                        log.append(entry(i));
                    }
                    return 0.0;
                }));
            }
            for (Future<Double> run : runs) {
                run.get();
            }
            double rate = appends / seconds(start);
            if (!a.verify().ok()) {
                throw new IllegalStateException("the shared log does not verify after the benchmark");
            }
            return rate;
        } finally {
            executor.shutdownNow();
        }
    }

    private static void proofFigures(int entries, int proofs) {
        Runtime runtime = Runtime.getRuntime();
        long heapBefore = usedHeap(runtime);
        MerkleTree tree = new MerkleTree();
        long start = System.nanoTime();
        ByteBuffer leaf = ByteBuffer.allocate(8);
        for (int i = 0; i < entries; i++) {
            tree.append(MerkleTree.leafHash(leaf.putLong(0, i).array()));
        }
        double buildSeconds = seconds(start);
        long heapAfter = usedHeap(runtime);
        row(String.format(Locale.ROOT, "build tree of %,d leaf hashes (incl. hashing leaves)", entries),
                String.format(Locale.ROOT, "%.2f s, %,d MiB heap", buildSeconds, (heapAfter - heapBefore) >> 20));
        Random random = new Random(1);
        byte[] root = tree.rootHash(entries);
        row(String.format(Locale.ROOT, "root hash at a random historical size (of %,d)", entries),
                micros(timeEach(proofs, () -> tree.rootHash(1 + random.nextInt(entries)))));
        row(String.format(Locale.ROOT, "inclusion proof, random leaf, size %,d", entries),
                micros(timeEach(proofs, () -> tree.inclusionProof(random.nextInt(entries), entries))));
        row(String.format(Locale.ROOT, "inclusion proof, random leaf, random historical size <= %,d", entries),
                micros(timeEach(proofs, () -> {
                    int size = 1 + random.nextInt(entries);
                    tree.inclusionProof(random.nextInt(size), size);
                })));
        row(String.format(Locale.ROOT, "consistency proof, random first size, second size %,d", entries),
                micros(timeEach(proofs, () -> tree.consistencyProof(1 + random.nextInt(entries), entries))));
        row(String.format(Locale.ROOT, "consistency proof, random pair of sizes <= %,d", entries),
                micros(timeEach(proofs, () -> {
                    int second = 1 + random.nextInt(entries);
                    tree.consistencyProof(1 + random.nextInt(second), second);
                })));
        int index = entries / 3;
        List<byte[]> path = tree.inclusionProof(index, entries);
        byte[] leafHash = tree.leafHashAt(index);
        row("verify an inclusion proof (RFC 9162 2.1.3.2)", micros(timeEach(proofs, () -> {
            if (!MerkleProofs.verifyInclusion(index, entries, leafHash, path, root)) {
                throw new IllegalStateException("proof does not verify");
            }
        })));
    }

    /** Writes a 10^6-entry file log in the documented record format, then times open() and verify(). */
    private static void openFigures(Path dir, BenchKey key, int entries) throws Exception {
        Path logDir = Files.createTempDirectory(dir, "sealgate-bench-open-");
        try {
            MerkleTree tree = new MerkleTree();
            long bytes;
            try (OutputStream file = Files.newOutputStream(logDir.resolve(FileLogStore.FILE_NAME));
                 DataOutputStream out = new DataOutputStream(new BufferedOutputStream(file, 1 << 20))) {
                out.write(new byte[] {'S', 'G', 'L', 'O', 'G', 'v', '1', '\n'});
                for (int i = 0; i < entries; i++) {
                    byte[] leaf = LeafCodec.encode(entry(i));
                    tree.append(MerkleTree.leafHash(leaf));
                    writeRecord(out, 1, i, leaf);
                }
                SignedTreeHead head = SignedTreeHead.sign(key, entries, System.currentTimeMillis(),
                        tree.rootHash(entries));
                writeRecord(out, 2, 0, head.encode());
                bytes = out.size() & 0xFFFFFFFFL;
            }
            bytes = Files.size(logDir.resolve(FileLogStore.FILE_NAME));
            long start = System.nanoTime();
            try (SignatureLog log = SignatureLog.open(FileLogStore.open(logDir), key)) {
                row(String.format(Locale.ROOT, "open a file log of %,d entries (%,d MiB): read, check, rebuild tree",
                        entries, bytes >> 20), String.format(Locale.ROOT, "%.2f s", seconds(start)));
                start = System.nanoTime();
                boolean ok = log.verify().ok();
                row(String.format(Locale.ROOT, "verify() the same log (re-read, rebuild, check heads)"),
                        String.format(Locale.ROOT, "%.2f s (%s)", seconds(start), ok ? "ok" : "PROBLEMS"));
            }
        } finally {
            delete(logDir);
        }
    }

    private static void writeRecord(DataOutputStream out, int type, long ordinal, byte[] payload) throws Exception {
        ByteBuffer header = ByteBuffer.allocate(13).put((byte) type).putLong(ordinal).putInt(payload.length);
        CRC32C crc = new CRC32C();
        crc.update(header.array());
        out.write(header.array());
        out.writeInt((int) crc.getValue());
        out.write(payload);
        crc.reset();
        crc.update(payload);
        out.writeInt((int) crc.getValue());
    }

    private static LogEntry entry(int i) {
        return new LogEntry(Instant.ofEpochMilli(1_790_000_000_000L + i), "user" + (i % 50),
                new LogEntry.Authentication("oidc", Optional.of(HASH),
                        Optional.of(Instant.ofEpochMilli(1_790_000_000_000L)), Optional.of("urn:acr:mfa")),
                "user" + (i % 50), HASH, "/docs/contracts/2026/po-" + i + ".pdf",
                HASH, HASH, HASH, Optional.of("purchase-order"), Optional.of("approve"), "docs",
                "req-" + Long.toHexString(0x5EA1_0000_0000L + i), DeliveryStatus.DELIVERED);
    }

    private static SignatureLog.Options options(int every) {
        return new SignatureLog.Options(every, Clock.systemUTC());
    }

    private static String createDatabase(LocalPostgres postgres, String name) throws Exception {
        try (Connection c = DriverManager.getConnection(postgres.jdbcUrl(), postgres.jdbcProperties());
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        return postgres.jdbcUrl().replace("/postgres", "/" + name);
    }

    private static double timeEach(int count, Runnable action) {
        for (int i = 0; i < Math.min(count, 10_000); i++) {
            action.run(); // warm-up for the JIT
        }
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            action.run();
        }
        return (System.nanoTime() - start) / 1e3 / count;
    }

    private static String micros(double value) {
        return String.format(Locale.ROOT, "%.1f µs each", value);
    }

    private static long usedHeap(Runtime runtime) {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static void row(String what, String result) {
        System.out.println("| " + what + " | " + result + " |");
    }

    private static int intArg(String[] args, String name, int fallback) {
        return Integer.parseInt(stringArg(args, name, String.valueOf(fallback)));
    }

    private static String stringArg(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }

    private static void delete(Path directory) throws Exception {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
