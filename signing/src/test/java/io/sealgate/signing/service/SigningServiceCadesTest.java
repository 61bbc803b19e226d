package io.sealgate.signing.service;

import static io.sealgate.signing.service.ServiceFixture.ALICE;
import static io.sealgate.signing.service.ServiceFixture.CAROL;
import static io.sealgate.signing.service.ServiceFixture.DAVE;
import static io.sealgate.signing.service.ServiceFixture.purchaseOrder;
import static io.sealgate.signing.service.ServiceFixture.request;
import static io.sealgate.signing.service.SignatureEvidence.sha256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sealgate.policy.Identity;
import io.sealgate.signing.DocumentRejectedException;
import io.sealgate.signing.log.LogEntry;
import io.sealgate.signing.verify.Verdict;
import io.sealgate.signing.verify.VerificationReport;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Files other than PDFs: a detached CAdES signature, approvals as a counter-signature chain, the seal last. */
class SigningServiceCadesTest extends ServiceTestBase {

    private Path text;

    @BeforeEach
    void openService() throws Exception {
        service = SigningService.open(fixture.settings);
        text = Files.writeString(dir.resolve("terms.txt"), "Delivery within 30 days of the order.\n");
    }

    @Test
    void aTextFileIsSignedAndApprovedWithCounterSignaturesThenSealed() throws Exception {
        SignResult created = service.create(new CreateRequest(text, "/docs/terms.txt", ALICE,
                Optional.of(purchaseOrder()), request("r-1")));
        SignResult legal = approve(created.output(), CAROL, "r-2");
        SignResult done = approve(legal.output(), DAVE, "r-3");

        assertThat(created.format()).isEqualTo("CAdES");
        assertThat(done.signatures()).extracting(AppliedSignature::signer).containsExactly("dave", "acme");
        VerificationReport report = service.verify(done.output(), Optional.of(text));
        assertThat(report.verdict()).as(report.summary()).isEqualTo(Verdict.VALID);
        assertThat(report.process().stepsDone()).containsExactly("create: alice (acme)", "legal: carol (acme)",
                "finance: dave (acme)", "seal: the organisation seal of acme");
        assertThat(ReferenceChecks.dss(done.output(), text, fixture.root)).containsExactly(
                "TOTAL_PASSED alice", "TOTAL_PASSED carol", "TOTAL_PASSED dave", "TOTAL_PASSED acme e-seal");

        List<LogEntry> entries = service.log().entries(0, 4).stream().map(LogEntry.class::cast).toList();
        assertThat(entries.get(0).documentSha256Before()).isEqualTo(sha256(text));
        assertThat(entries.get(0).documentSha256After()).isEqualTo(sha256(created.output()));
        assertThat(entries.get(1).documentSha256Before()).isEqualTo(sha256(created.output()));
        assertThat(entries.get(3).documentSha256After()).isEqualTo(sha256(done.output()));
        List<SignatureEvidence.Found> embedded = SignatureEvidence.ofP7s(done.output());
        assertThat(embedded).extracting(SignatureEvidence.Found::logIndex).containsExactly(0L, 1L, 2L, 3L);
        assertThat(embedded).extracting(SignatureEvidence.Found::signatureValueSha256)
                .containsExactlyElementsOf(entries.stream().map(LogEntry::signatureValueSha256).toList());
    }

    @Test
    void anApprovalOfATextFileWithoutItsSignatureIsRefused() throws Exception {
        assertThatThrownBy(() -> service.approve(new ApproveRequest(text, Optional.empty(), "/docs/terms.txt", CAROL,
                Optional.empty(), request("r-2"))))
                .isInstanceOf(DocumentRejectedException.class)
                .hasMessage("cannot approve /docs/terms.txt: it is not a PDF, so its detached signature (.p7s) is "
                        + "needed");
    }

    @Test
    void anApprovalOfAChangedTextFileIsRefused() throws Exception {
        SignResult created = service.create(new CreateRequest(text, "/docs/terms.txt", ALICE,
                Optional.of(purchaseOrder()), request("r-1")));
        Files.writeString(text, "Delivery within 90 days of the order.\n");

        assertThatThrownBy(() -> approve(created.output(), CAROL, "r-2"))
                .isInstanceOf(DocumentModifiedException.class)
                .hasMessage("/docs/terms.txt was modified after signature 1 by alice (acme) (the signed data does not "
                        + "match the message digest: the content was changed after signing), so no signature is added "
                        + "to it");
    }

    private SignResult approve(Path p7s, Identity approver, String requestId) throws Exception {
        return service.approve(new ApproveRequest(text, Optional.of(p7s), "/docs/terms.txt", approver,
                Optional.empty(), request(requestId)));
    }
}
