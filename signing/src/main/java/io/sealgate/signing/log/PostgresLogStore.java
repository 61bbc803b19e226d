package io.sealgate.signing.log;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shared store: several proxy instances, each with its own {@code PostgresLogStore}, append to one log in
 * PostgreSQL, the way Trillian keeps its trees in SQL. Indexes are counted on the single {@code sealgate_log_state}
 * row, so they are dense; tree heads are integrated by one instance at a time under a transaction-scoped advisory
 * lock. {@link #fill} returns after the commit (durable with PostgreSQL's default {@code synchronous_commit = on}).
 *
 * <p>Reservations, the way Trillian assigns indexes in the database and integrates the contiguous prefix: {@link
 * #reserve} counts the index and records it in {@code sealgate_log_reservations} in one short transaction, so that
 * every instance can hold reservations at the same time; {@link #fill} deletes the reservation and inserts the leaf in
 * one statement, and finds nothing to delete when the reservation was voided. {@link #size()} is the lowest
 * outstanding reservation, or the leaf count when there is none. Whoever integrates a tree head first voids the
 * reservations older than the reservation timeout (an instance that stopped, or a signature that took too long),
 * filling their indexes with {@link VoidLeaf}s, so that one dead instance cannot hold the prefix back for long.
 *
 * <p>The schema (docs/signature-log.md) is created on open if missing. One JDBC connection per instance; methods are
 * serialised on the instance, and a broken connection is replaced on the next call.
 */
public final class PostgresLogStore implements LogStore {
    /** Advisory lock keys: one for creating the schema, one for integrating tree heads. */
    private static final long SCHEMA_LOCK = 0x5EA16A7E_10650001L;
    private static final long INTEGRATION_LOCK = 0x5EA16A7E_10650002L;
    /**
     * How long a reservation may stay unfilled before an integrating instance voids it. It must exceed the time from
     * reservation to fill: the signature's timestamp, validation data and document timestamp, each bounded by the
     * signing timeout (10 s by default) and, from the client's side, by {@code signing.deadline} (30 s by default).
     */
    public static final Duration DEFAULT_RESERVATION_TIMEOUT = Duration.ofSeconds(60); // = LogConfig's default
    private static final Logger logger = LoggerFactory.getLogger(PostgresLogStore.class);
    private static final String FILL = "WITH r AS (DELETE FROM sealgate_log_reservations WHERE leaf_index = ?"
            + " RETURNING leaf_index) INSERT INTO sealgate_log_leaves (leaf_index, leaf) SELECT leaf_index, ? FROM r";
    /** The contiguous prefix: below the lowest outstanding reservation every index holds a leaf. */
    private static final String PREFIX = "SELECT COALESCE((SELECT min(leaf_index) FROM sealgate_log_reservations),"
            + " leaf_count) FROM sealgate_log_state WHERE id = 1";
    private static final String[] SCHEMA = {
        "CREATE TABLE IF NOT EXISTS sealgate_log_state (id smallint PRIMARY KEY CHECK (id = 1),"
                + " leaf_count bigint NOT NULL, tree_head_count bigint NOT NULL)",
        "INSERT INTO sealgate_log_state VALUES (1, 0, 0) ON CONFLICT (id) DO NOTHING",
        "CREATE TABLE IF NOT EXISTS sealgate_log_leaves (leaf_index bigint PRIMARY KEY, leaf bytea NOT NULL,"
                + " appended_at timestamptz NOT NULL DEFAULT now())",
        "CREATE TABLE IF NOT EXISTS sealgate_log_tree_heads (ordinal bigint PRIMARY KEY, tree_size bigint NOT NULL,"
                + " head bytea NOT NULL, integrated_at timestamptz NOT NULL DEFAULT now())",
        "CREATE TABLE IF NOT EXISTS sealgate_log_reservations (leaf_index bigint PRIMARY KEY, holder text NOT NULL,"
                + " reserved_at timestamptz NOT NULL DEFAULT now())",
    };

    private final String url;
    private final Properties properties;
    private final Duration reservationTimeout;
    private final Clock clock;
    private Connection connection;
    private int depth;

    private PostgresLogStore(String url, Properties properties, Duration reservationTimeout, Clock clock) {
        this.url = url;
        this.properties = properties;
        this.reservationTimeout = reservationTimeout;
        this.clock = clock;
    }

    /** {@link #open(String, Properties, Duration)} with {@link #DEFAULT_RESERVATION_TIMEOUT}. */
    public static PostgresLogStore open(String url, Properties properties) throws LogException {
        return open(url, properties, DEFAULT_RESERVATION_TIMEOUT);
    }

    /**
     * Connects and creates the schema if missing.
     *
     * @param url        a {@code jdbc:postgresql://} URL
     * @param properties         JDBC properties such as {@code user} and {@code password}
     * @param reservationTimeout reservations older than this (by the database's clock) are voided when a tree head
     *                           is integrated
     */
    public static PostgresLogStore open(String url, Properties properties, Duration reservationTimeout)
            throws LogException {
        if (reservationTimeout.isNegative()) {
            throw new IllegalArgumentException("reservationTimeout: " + reservationTimeout + " (expected: >= 0)");
        }
        PostgresLogStore store = new PostgresLogStore(url, (Properties) properties.clone(), reservationTimeout,
                Clock.systemUTC());
        store.inTransaction(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("SELECT pg_advisory_xact_lock(" + SCHEMA_LOCK + ")");
                for (String sql : SCHEMA) {
                    s.execute(sql);
                }
            }
            return null;
        }, "create the schema");
        return store;
    }

    @Override
    public synchronized long reserve(String holder) throws LogException {
        // Counting the index and recording the reservation commit together: every index below leaf_count is a leaf
        // or a reservation, which is what size() relies on.
        return inTransaction(c -> {
            try (PreparedStatement insert = c.prepareStatement("WITH next AS (UPDATE sealgate_log_state"
                    + " SET leaf_count = leaf_count + 1 WHERE id = 1 RETURNING leaf_count - 1 AS leaf_index)"
                    + " INSERT INTO sealgate_log_reservations (leaf_index, holder) SELECT leaf_index, ? FROM next"
                    + " RETURNING leaf_index")) {
                insert.setString(1, holder);
                try (ResultSet rows = insert.executeQuery()) {
                    if (!rows.next()) {
                        throw new SQLException("the state row is missing");
                    }
                    return rows.getLong(1);
                }
            }
        }, "reserve an entry");
    }

    @Override
    public synchronized Commit fill(long index, byte[] leaf, TreeHeadSigner headSigner) throws LogException {
        int filled = inTransaction(c -> fillReserved(c, index, leaf), "fill entry " + index);
        if (filled == 0) {
            throw new ReservationLostException("cannot store entry " + index + " in " + describe() + ": its"
                    + " reservation is gone (it expired and an instance integrating a tree head voided the entry)",
                    index);
        }
        if (headSigner != null) {
            try {
                integrateTreeHead(headSigner, false);
            } catch (LogException e) {
                // The entry is committed: failing now would invite a duplicate retry. The next head covers it.
                logger.warn("{}: entry {} is stored but no tree head covers it yet: {}", describe(), index,
                        e.getMessage());
            }
        }
        // committed with synchronous_commit: durable already
        return Commit.DURABLE;
    }

    @Override
    public synchronized void abandon(long index, byte[] voidLeaf) throws LogException {
        inTransaction(c -> fillReserved(c, index, voidLeaf), "void entry " + index);
    }

    @Override
    public synchronized long size() throws LogException {
        return inTransaction(c -> selectLong(c, PREFIX), "read the size");
    }

    @Override
    public synchronized List<byte[]> read(long from, long to) throws LogException {
        return inTransaction(c -> {
            List<byte[]> result = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement("SELECT leaf_index, leaf FROM sealgate_log_leaves"
                    + " WHERE leaf_index >= ? AND leaf_index < ? ORDER BY leaf_index")) {
                select.setLong(1, from);
                select.setLong(2, to);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        checkIndex(rows.getLong(1), from + result.size());
                        result.add(rows.getBytes(2));
                    }
                }
            }
            if (result.size() != to - from) {
                throw missing(from + result.size());
            }
            return result;
        }, "read entries " + from + ".." + to);
    }

    @Override
    public synchronized Optional<SignedTreeHead> latestTreeHead() throws LogException {
        return inTransaction(this::latest, "read the latest tree head");
    }

    @Override
    public synchronized SignedTreeHead integrateTreeHead(TreeHeadSigner signer, boolean force) throws LogException {
        return inTransaction(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("SELECT pg_advisory_xact_lock(" + INTEGRATION_LOCK + ")");
            }
            voidExpiredReservations(c);
            Optional<SignedTreeHead> latest = latest(c);
            long size = selectLong(c, PREFIX);
            if (!force && latest.isPresent() && latest.get().treeSize() >= size) {
                return latest.get();
            }
            SignedTreeHead head = signer.sign(size, latest);
            if (head == null) {
                // a fill's head signer could not sign (it says so with null): the latest head stays
                return latest.orElse(null);
            }
            long ordinal = selectLong(c, "SELECT tree_head_count FROM sealgate_log_state WHERE id = 1");
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO sealgate_log_tree_heads (ordinal, tree_size, head) VALUES (?, ?, ?)");
                 Statement update = c.createStatement()) {
                insert.setLong(1, ordinal);
                insert.setLong(2, head.treeSize());
                insert.setBytes(3, head.encode());
                insert.executeUpdate();
                update.executeUpdate("UPDATE sealgate_log_state SET tree_head_count = tree_head_count + 1"
                        + " WHERE id = 1");
            }
            return head;
        }, "integrate a tree head");
    }

    @Override
    public synchronized void scan(Visitor visitor) throws LogException {
        inTransaction(c -> {
            // One snapshot for the whole scan, so that heads and leaves agree even while others append.
            try (Statement s = c.createStatement()) {
                s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
            }
            // Only the contiguous prefix: leaves filled beyond an outstanding reservation are not in the log yet.
            long count = selectLong(c, PREFIX);
            long expected = 0;
            try (Statement s = c.createStatement()) {
                s.setFetchSize(1000);
                try (ResultSet rows = s.executeQuery("SELECT leaf_index, leaf FROM sealgate_log_leaves"
                        + " WHERE leaf_index < " + count + " ORDER BY leaf_index")) {
                    while (rows.next()) {
                        checkIndex(rows.getLong(1), expected);
                        visitor.leaf(expected++, rows.getBytes(2));
                    }
                }
                if (expected != count) {
                    throw missing(expected);
                }
                long ordinal = 0;
                try (ResultSet rows = s.executeQuery("SELECT ordinal, head FROM sealgate_log_tree_heads"
                        + " ORDER BY ordinal")) {
                    while (rows.next()) {
                        if (rows.getLong(1) != ordinal) {
                            throw new LogCorruptedException(describe() + " does not verify: tree head " + ordinal
                                    + " is missing", -1);
                        }
                        visitor.treeHead(ordinal, decodeHead(ordinal++, rows.getBytes(2)));
                    }
                }
            }
            return null;
        }, "read the log");
    }

    @Override
    public Optional<String> recovery() {
        return Optional.empty();
    }

    @Override
    public String describe() {
        // Without the query string: it may carry a password.
        int query = url.indexOf('?');
        return "signature log " + (query < 0 ? url : url.substring(0, query));
    }

    @Override
    public synchronized void close() throws LogException {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                throw new LogException("cannot close " + describe() + ": " + e.getMessage(), e);
            } finally {
                connection = null;
            }
        }
    }

    private static int fillReserved(Connection c, long index, byte[] leaf) throws SQLException {
        // One statement: the reservation row is deleted and the leaf inserted together, or neither when another
        // instance voided the reservation first (its DELETE took the row).
        try (PreparedStatement fill = c.prepareStatement(FILL)) {
            fill.setLong(1, index);
            fill.setBytes(2, leaf);
            return fill.executeUpdate();
        }
    }

    /** Under the integration lock: fills reservations older than the timeout with void leaves. */
    private void voidExpiredReservations(Connection c) throws SQLException {
        List<Object[]> expired = new ArrayList<>();
        try (PreparedStatement delete = c.prepareStatement("DELETE FROM sealgate_log_reservations"
                + " WHERE reserved_at <= now() - ? * interval '1 millisecond' RETURNING leaf_index, holder")) {
            delete.setLong(1, reservationTimeout.toMillis());
            try (ResultSet rows = delete.executeQuery()) {
                while (rows.next()) {
                    expired.add(new Object[] {rows.getLong(1), rows.getString(2)});
                }
            }
        }
        if (expired.isEmpty()) {
            return;
        }
        String reason = "the reservation expired: not filled within " + reservationTimeout.toSeconds() + " s";
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO sealgate_log_leaves (leaf_index, leaf)"
                + " VALUES (?, ?)")) {
            for (Object[] row : expired) {
                insert.setLong(1, (Long) row[0]);
                insert.setBytes(2, LeafCodec.encode(new VoidLeaf(clock.instant(), (String) row[1], reason)));
                insert.addBatch();
                logger.warn("{}: voided entry {} reserved by request {}: {}", describe(), row[0], row[1], reason);
            }
            insert.executeBatch();
        }
    }

    private Optional<SignedTreeHead> latest(Connection c) throws SQLException, LogException {
        try (Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT ordinal, head FROM sealgate_log_tree_heads"
                     + " ORDER BY ordinal DESC LIMIT 1")) {
            return rows.next() ? Optional.of(decodeHead(rows.getLong(1), rows.getBytes(2))) : Optional.empty();
        }
    }

    private SignedTreeHead decodeHead(long ordinal, byte[] bytes) throws LogCorruptedException {
        try {
            return SignedTreeHead.decode(bytes);
        } catch (IllegalArgumentException e) {
            throw new LogCorruptedException(describe() + " does not verify: tree head " + ordinal
                    + " cannot be decoded: " + e.getMessage(), -1);
        }
    }

    private void checkIndex(long found, long expected) throws LogCorruptedException {
        if (found != expected) {
            throw new LogCorruptedException(describe() + " does not verify: entry " + expected
                    + " is missing (found entry " + found + " in its place)", expected);
        }
    }

    private LogCorruptedException missing(long index) {
        return new LogCorruptedException(describe() + " does not verify: entry " + index + " is missing", index);
    }

    private static long selectLong(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rows = s.executeQuery(sql)) {
            if (!rows.next()) {
                throw new SQLException("no row for: " + sql);
            }
            return rows.getLong(1);
        }
    }

    /** Work inside one transaction. */
    @FunctionalInterface
    private interface Work<T> {
        T run(Connection connection) throws SQLException, LogException;
    }

    private <T> T inTransaction(Work<T> work, String what) throws LogException {
        if (depth > 0) {
            // Called back from inside a transaction (the tree head signer reads leaves): stay in it, so that the
            // advisory lock is held until the outer transaction commits.
            try {
                return work.run(connection);
            } catch (SQLException e) {
                throw new LogException("cannot " + what + " in " + describe() + ": " + e.getMessage(), e);
            }
        }
        try {
            if (connection == null) {
                connection = DriverManager.getConnection(url, properties);
                connection.setAutoCommit(false);
            }
            depth++;
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | LogException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                depth--;
            }
        } catch (SQLException e) {
            abandonConnection();
            throw new LogException("cannot " + what + " in " + describe() + ": " + e.getMessage(), e);
        }
    }

    private void abandonConnection() {
        try {
            close();
        } catch (LogException ignored) {
            // the connection is broken already; the caller reports the original failure
        }
    }
}
