package io.sealgate.signing.service;

import static io.sealgate.signing.service.ServiceFixture.ALICE;
import static io.sealgate.signing.service.ServiceFixture.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.sealgate.fixtures.documents.SampleDocuments;
import io.sealgate.fixtures.postgres.LocalPostgres;
import io.sealgate.signing.SigningUnavailableException;
import io.sealgate.signing.log.DeliveryStatus;
import io.sealgate.signing.log.LogEntry;
import io.sealgate.signing.log.LogLeaf;
import io.sealgate.signing.log.StatusChange;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * Two Sealgate instances sharing one PostgreSQL signature log. When the other instance appends while this one
 * finishes a document, the index this one embedded is taken: the document is discarded, the entry marked
 * UPSTREAM_FAILED, and the caller told to retry.
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
    void anIndexTakenByAnotherInstanceDiscardsTheDocumentAndAsksForARetry() throws Exception {
        SigningServiceSettings.LogSettings log = SigningServiceSettings.LogSettings.postgres(postgres.jdbcUrl(),
                postgres.jdbcProperties());
        SigningServiceSettings base = SigningServiceSettings.defaults(fixture.settings.token(), "acme",
                "acme-seal", log, dir.resolve("spool-a")).withUserKeys(ServiceFixture.USER_KEYS);
        try (SigningService first = SigningService.open(base);
             SigningService second = SigningService.open(base)) {
            AtomicInteger reservations = new AtomicInteger();
            AtomicReference<SignResult> other = new AtomicReference<>();
            // after the first instance embedded index 0, and only then, the second appends
            first.afterLogIndexReserved(() -> {
                if (reservations.incrementAndGet() == 1) {
                    other.set(create(second, "r-second"));
                }
            });

            assertThatThrownBy(() -> first.create(new CreateRequest(upload("a"), "/docs/po-17.pdf", ALICE,
                    Optional.empty(), request("r-first"))))
                    .isInstanceOf(SigningUnavailableException.class)
                    .hasMessage("cannot sign /docs/po-17.pdf for alice: the signature embeds log index 0 but its "
                            + "entry was appended at 1 (another instance appended meanwhile); the document was "
                            + "discarded; try again");

            List<LogLeaf> leaves = first.log().entries(0, first.log().size());
            assertThat(leaves).hasSize(3);
            assertThat(((LogEntry) leaves.get(0)).requestId()).isEqualTo("r-second");
            assertThat(((LogEntry) leaves.get(1)).requestId()).isEqualTo("r-first");
            assertThat(leaves.get(2)).isInstanceOfSatisfying(StatusChange.class, s -> {
                assertThat(s.entryIndex()).isEqualTo(1);
                assertThat(s.status()).isEqualTo(DeliveryStatus.UPSTREAM_FAILED);
            });
            try (Stream<Path> spooled = Files.list(dir.resolve("spool-a"))) {
                // the instances share the spool directory: only the second one's document is left
                assertThat(spooled).containsExactly(other.get().output());
            }

            // a retry reserves the next index and succeeds
            SignResult retried = first.create(new CreateRequest(upload("b"), "/docs/po-17.pdf", ALICE,
                    Optional.empty(), request("r-first")));
            assertThat(retried.logIndexes()).containsExactly(3L);
            assertThat(SignatureEvidence.ofPdf(retried.output()).get(0).logIndex()).isEqualTo(3);
        }
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
