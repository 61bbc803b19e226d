package io.sealgate.signing.service;

import static io.sealgate.signing.service.ServiceFixture.ALICE;
import static io.sealgate.signing.service.ServiceFixture.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.sealgate.fixtures.documents.SampleDocuments;
import io.sealgate.fixtures.postgres.LocalPostgres;
import io.sealgate.signing.SigningUnavailableException;
import io.sealgate.signing.log.LogEntry;
import io.sealgate.signing.log.LogLeaf;
import io.sealgate.signing.log.VoidLeaf;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * Two Sealgate instances sharing one PostgreSQL signature log. Each signature reserves its index in the database, so
 * the other instance appending while this one finishes a document takes the next index and both succeed; only a
 * reservation that outlived the reservation timeout (voided by the other instance) costs a retry.
 */
class SigningServiceSharedLogTest {

    @TempDir
    Path dir;

    private LocalPostgres postgres;
    private ServiceFixture fixture;

    @BeforeEach
    void setUp() throws Exception {
        assumeThat(LocalPostgres.unavailableReason()).as("PostgreSQL needed by this test").isEmpty();
        postgres = LocalPostgres.start();
        fixture = new ServiceFixture(dir);
    }

    @AfterEach
    void tearDown() {
        if (fixture != null) {
            fixture.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void anotherInstanceAppendingWhileADocumentIsFinishedTakesTheNextIndexAndBothSucceed() throws Exception {
        SigningServiceSettings base = settings(SigningServiceSettings.LogSettings.postgres(postgres.jdbcUrl(),
                postgres.jdbcProperties()));
        try (SigningService first = SigningService.open(base);
             SigningService second = SigningService.open(base)) {
            AtomicInteger reservations = new AtomicInteger();
            AtomicReference<SignResult> other = new AtomicReference<>();
            // after the first instance embedded index 0, and only then, the second signs and appends
            first.afterLogIndexReserved(() -> {
                if (reservations.incrementAndGet() == 1) {
                    other.set(create(second, "r-second"));
                }
            });

            SignResult mine = first.create(new CreateRequest(upload("a"), "/docs/po-17.pdf", ALICE,
                    Optional.empty(), request("r-first")));

            assertThat(mine.logIndexes()).containsExactly(0L);
            assertThat(other.get().logIndexes()).containsExactly(1L);
            assertThat(SignatureEvidence.ofPdf(mine.output()).get(0).logIndex()).isZero();
            assertThat(SignatureEvidence.ofPdf(other.get().output()).get(0).logIndex()).isEqualTo(1);
            List<LogLeaf> leaves = second.log().entries(0, second.log().size());
            assertThat(leaves).extracting(LogLeaf::requestId).containsExactly("r-first", "r-second");
            assertThat(((LogEntry) leaves.get(0)).documentSha256After()).isEqualTo(sha256(mine.output()));
            assertThat(first.log().latestTreeHead().treeSize()).isEqualTo(2);
            assertThat(first.log().verify().problems()).isEmpty();
        }
    }

    @Test
    void aReservationVoidedAfterTheTimeoutDiscardsTheDocumentAndAsksForARetry() throws Exception {
        SigningServiceSettings.LogSettings log = SigningServiceSettings.LogSettings.postgres(postgres.jdbcUrl(),
                postgres.jdbcProperties());
        try (SigningService first = SigningService.open(settings(log));
             // the second instance considers every reservation older than zero seconds expired
             SigningService second = SigningService.open(settings(log.withReservationTimeout(Duration.ZERO)))) {
            AtomicInteger reservations = new AtomicInteger();
            AtomicReference<SignResult> other = new AtomicReference<>();
            first.afterLogIndexReserved(() -> {
                if (reservations.incrementAndGet() == 1) {
                    other.set(create(second, "r-second"));
                }
            });

            assertThatThrownBy(() -> first.create(new CreateRequest(upload("a"), "/docs/po-17.pdf", ALICE,
                    Optional.empty(), request("r-first"))))
                    .isInstanceOf(SigningUnavailableException.class)
                    .hasMessage("cannot sign /docs/po-17.pdf for alice: the signature embeds log index 0 but that"
                            + " index was voided before the entry could be stored (finishing the document took too"
                            + " long); the document was discarded; try again");

            List<LogLeaf> leaves = first.log().entries(0, first.log().size());
            assertThat(leaves).hasSize(2);
            assertThat(leaves.get(0)).isInstanceOfSatisfying(VoidLeaf.class, v -> {
                assertThat(v.requestId()).isEqualTo("r-first");
                assertThat(v.reason()).isEqualTo("the reservation expired: not filled within 0 s");
            });
            assertThat(((LogEntry) leaves.get(1)).requestId()).isEqualTo("r-second");
            try (Stream<Path> spooled = Files.list(dir.resolve("spool-a"))) {
                // the instances share the spool directory: only the second one's document is left
                assertThat(spooled).containsExactly(other.get().output());
            }

            // a retry reserves the next index and succeeds
            SignResult retried = first.create(new CreateRequest(upload("b"), "/docs/po-17.pdf", ALICE,
                    Optional.empty(), request("r-first")));
            assertThat(retried.logIndexes()).containsExactly(2L);
            assertThat(SignatureEvidence.ofPdf(retried.output()).get(0).logIndex()).isEqualTo(2);
            assertThat(first.log().verify().problems()).isEmpty();
        }
    }

    private SigningServiceSettings settings(SigningServiceSettings.LogSettings log) {
        return SigningServiceSettings.defaults(fixture.settings.token(), "acme", "acme-seal", log,
                dir.resolve("spool-a")).withUserKeys(ServiceFixture.USER_KEYS);
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    private SignResult create(SigningService service, String requestId) {
        try {
            return service.create(new CreateRequest(upload(requestId), "/docs/po-18.pdf", ALICE, Optional.empty(),
                    request(requestId)));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private Path upload(String name) throws IOException {
        return Files.copy(SampleDocuments.PDFBOX_PURCHASE_ORDER.copyTo(dir), dir.resolve("upload-" + name + ".pdf"));
    }
}
