package io.sealgate.signing.service;

import static io.sealgate.signing.service.ServiceFixture.ALICE;
import static io.sealgate.signing.service.ServiceFixture.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.sealgate.fixtures.documents.SampleDocuments;
import io.sealgate.signing.log.DeliveryStatus;
import io.sealgate.signing.log.LogEntry;
import io.sealgate.signing.log.LogLeaf;
import io.sealgate.signing.log.StatusChange;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One instance, many requests: a delivery status appended for one request while another request's signature holds
 * its reserved log index waits until that signature's entry is appended, so the signature keeps the index it
 * embeds (before, the status leaf took it and the signed document was discarded with a 503).
 */
class SigningServiceStatusOrderTest {

    @TempDir
    Path dir;

    private ServiceFixture fixture;

    @BeforeEach
    void setUp() throws Exception {
        fixture = new ServiceFixture(dir);
    }

    @AfterEach
    void tearDown() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void deliveryStatusOfAnotherRequestWaitsForTheReservedIndex() throws Exception {
        try (SigningService service = SigningService.open(fixture.settings)) {
            SignResult earlier = service.create(new CreateRequest(upload("a"), "/docs/po-1.pdf", ALICE,
                    Optional.empty(), request("r-1")));
            AtomicReference<Thread> marker = new AtomicReference<>();
            service.afterLogIndexReserved(() -> {
                if (marker.get() == null) {
                    Thread t = new Thread(() -> service.markDelivered(earlier.logIndexes(), "r-1"), "marker");
                    marker.set(t);
                    t.start();
                    try {
                        // time for the status append to slip in between, were it not made to wait
                        t.join(500);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            });

            SignResult result = service.create(new CreateRequest(upload("b"), "/docs/po-2.pdf", ALICE,
                    Optional.empty(), request("r-2")));
            marker.get().join();

            assertThat(result.logIndexes()).containsExactly(1L);
            assertThat(SignatureEvidence.ofPdf(result.output()).get(0).logIndex()).isEqualTo(1);
            List<LogLeaf> leaves = service.log().entries(0, service.log().size());
            assertThat(leaves).hasSize(3);
            assertThat(((LogEntry) leaves.get(1)).requestId()).isEqualTo("r-2");
            assertThat(leaves.get(2)).isInstanceOfSatisfying(StatusChange.class, s -> {
                assertThat(s.entryIndex()).isZero();
                assertThat(s.status()).isEqualTo(DeliveryStatus.DELIVERED);
            });
        }
    }

    private Path upload(String name) throws IOException {
        return Files.copy(SampleDocuments.PDFBOX_PURCHASE_ORDER.copyTo(dir), dir.resolve("upload-" + name + ".pdf"));
    }
}
