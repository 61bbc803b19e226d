package io.sealgate.signing.service;

import static io.sealgate.signing.service.ServiceFixture.ALICE;
import static io.sealgate.signing.service.ServiceFixture.CAROL;
import static io.sealgate.signing.service.ServiceFixture.DAVE;
import static io.sealgate.signing.service.ServiceFixture.purchaseOrder;
import static io.sealgate.signing.service.ServiceFixture.request;
import static io.sealgate.signing.service.SignatureEvidence.sha256;
import static org.assertj.core.api.Assertions.assertThat;

import io.sealgate.fixtures.documents.SampleDocuments;
import io.sealgate.policy.Identity;
import io.sealgate.signing.log.DeliveryStatus;
import io.sealgate.signing.log.LogEntry;
import io.sealgate.signing.log.LogLeaf;
import io.sealgate.signing.log.StatusChange;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Every signature is in the log with the document's digests, and carries its log index. */
class SigningServiceLogTest extends ServiceTestBase {

    @BeforeEach
    void openService() throws Exception {
        service = SigningService.open(fixture.settings);
    }

    @Test
    void everySignatureIsLoggedWithMatchingDigestsAndCarriesItsIndex() throws Exception {
        Path upload = SampleDocuments.PDFBOX_PURCHASE_ORDER.copyTo(dir);
        String uploaded = sha256(upload);
        SignResult created = service.create(new CreateRequest(upload, "/docs/po-17.pdf", ALICE,
                Optional.of(purchaseOrder()), request("r-1")));
        SignResult legal = approve(created.output(), CAROL, "r-2");
        SignResult done = approve(legal.output(), DAVE, "r-3");

        List<LogEntry> entries = signatureEntries(4);
        assertThat(entries).extracting(LogEntry::userId).containsExactly("alice", "carol", "dave", "acme");
        assertThat(entries).extracting(LogEntry::keyLabel).containsExactly("alice-key", "carol", "dave",
                "acme-seal");
        assertThat(entries).extracting(e -> e.processStep().orElseThrow())
                .containsExactly("create", "legal", "finance", "seal");
        assertThat(entries).extracting(LogEntry::requestId).containsExactly("r-1", "r-2", "r-3", "r-3");
        assertThat(entries).allSatisfy(e -> {
            assertThat(e.processTemplate()).contains("purchase-order");
            assertThat(e.route()).isEqualTo("docs");
            assertThat(e.documentName()).isEqualTo("/docs/po-17.pdf");
            assertThat(e.delivery()).isEqualTo(DeliveryStatus.PENDING);
            assertThat(e.authentication()).isEqualTo(LogEntry.Authentication.of("basic"));
        });
        assertThat(entries.get(0).documentSha256Before()).isEqualTo(uploaded);
        assertThat(entries.get(0).documentSha256After()).isEqualTo(sha256(created.output()));
        assertThat(entries.get(1).documentSha256Before()).isEqualTo(sha256(created.output()));
        assertThat(entries.get(1).documentSha256After()).isEqualTo(sha256(legal.output()));
        assertThat(entries.get(2).documentSha256Before()).isEqualTo(sha256(legal.output()));
        // the seal stacks on dave's revision, which the service never hands out on its own
        assertThat(entries.get(3).documentSha256Before()).isEqualTo(entries.get(2).documentSha256After());
        assertThat(entries.get(3).documentSha256After()).isEqualTo(sha256(done.output()));

        List<SignatureEvidence.Found> embedded = SignatureEvidence.ofPdf(done.output());
        assertThat(embedded).extracting(SignatureEvidence.Found::logIndex).containsExactly(0L, 1L, 2L, 3L);
        assertThat(embedded).extracting(SignatureEvidence.Found::signatureValueSha256)
                .containsExactlyElementsOf(entries.stream().map(LogEntry::signatureValueSha256).toList());
        assertThat(service.log().verify().problems()).isEmpty();
    }

    @Test
    void deliveryOutcomesAreAppendedAsStatusLeaves() throws Exception {
        Path upload = SampleDocuments.PDFBOX_PURCHASE_ORDER.copyTo(dir);
        SignResult created = service.create(new CreateRequest(upload, "/docs/po-17.pdf", ALICE, Optional.empty(),
                request("r-1")));
        SignResult again = service.create(new CreateRequest(upload, "/docs/po-18.pdf", ALICE, Optional.empty(),
                request("r-2")));

        service.markUndelivered(created.logIndexes(), "r-1", "upstream answered 507");
        service.markDelivered(again.logIndexes(), "r-2");

        List<LogLeaf> leaves = service.log().entries(2, 4);
        assertThat(leaves.get(0)).isInstanceOfSatisfying(StatusChange.class, s -> {
            assertThat(s.entryIndex()).isEqualTo(0);
            assertThat(s.status()).isEqualTo(DeliveryStatus.UPSTREAM_FAILED);
            assertThat(s.requestId()).isEqualTo("r-1");
            assertThat(s.detail()).contains("upstream answered 507");
        });
        assertThat(leaves.get(1)).isInstanceOfSatisfying(StatusChange.class, s -> {
            assertThat(s.entryIndex()).isEqualTo(1);
            assertThat(s.status()).isEqualTo(DeliveryStatus.DELIVERED);
            assertThat(s.detail()).isEmpty();
        });
    }

    private SignResult approve(Path document, Identity approver, String requestId) throws Exception {
        return service.approve(new ApproveRequest(document, Optional.empty(), "/docs/po-17.pdf", approver,
                Optional.empty(), request(requestId)));
    }

    private List<LogEntry> signatureEntries(int count) throws Exception {
        assertThat(service.log().size()).isEqualTo(count);
        return service.log().entries(0, count).stream().map(LogEntry.class::cast).toList();
    }
}
