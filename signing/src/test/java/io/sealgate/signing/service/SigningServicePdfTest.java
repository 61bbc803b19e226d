package io.sealgate.signing.service;

import static io.sealgate.signing.service.ServiceFixture.ALICE;
import static io.sealgate.signing.service.ServiceFixture.CAROL;
import static io.sealgate.signing.service.ServiceFixture.DAVE;
import static io.sealgate.signing.service.ServiceFixture.MALLORY;
import static io.sealgate.signing.service.ServiceFixture.purchaseOrder;
import static io.sealgate.signing.service.ServiceFixture.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sealgate.fixtures.documents.SampleDocuments;
import io.sealgate.policy.Identity;
import io.sealgate.policy.KeyUsageGuard;
import io.sealgate.policy.ProcessDecision;
import io.sealgate.signing.keys.KeyUseRefusedException;
import io.sealgate.signing.keys.KeyVault;
import io.sealgate.signing.keys.VaultFixture;
import io.sealgate.signing.log.DeliveryStatus;
import io.sealgate.signing.log.LogEntry;
import io.sealgate.signing.log.StatusChange;
import io.sealgate.signing.verify.Verdict;
import io.sealgate.signing.verify.VerificationReport;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The PDF flow: create with a process, approvals stacked as revisions, the seal applied automatically. */
class SigningServicePdfTest extends ServiceTestBase {

    @BeforeEach
    void openService() throws Exception {
        service = SigningService.open(fixture.settings);
    }

    @Test
    void createWithATemplateEmbedsTheManifestAndSignsTheCreateStep() throws Exception {
        SignResult created = create();

        assertThat(created.format()).isEqualTo("PAdES");
        assertThat(created.signatures()).containsExactly(
                new AppliedSignature("alice", "alice-key", Optional.of("create"), 0));
        VerificationReport report = service.verify(created.output(), Optional.empty());
        assertThat(report.verdict()).isEqualTo(Verdict.INCOMPLETE);
        assertThat(report.process().template()).isEqualTo("purchase-order");
        assertThat(report.process().documentId()).isEqualTo("/docs/po-17.pdf");
        assertThat(report.process().organisation()).isEqualTo("acme");
        assertThat(report.process().stepsDone()).containsExactly("create: alice (acme)");
        assertThat(report.process().pendingSteps()).containsExactly("legal", "finance", "seal");
    }

    @Test
    void approvalsStackAndTheLastOneAppliesTheSealAutomatically() throws Exception {
        SignResult created = create();
        SignResult legal = approve(created.output(), CAROL, "r-2");
        SignResult finance = approve(legal.output(), DAVE, "r-3");

        assertThat(legal.signatures()).containsExactly(
                new AppliedSignature("carol", "carol", Optional.of("legal"), 1));
        assertThat(finance.signatures()).containsExactly(
                new AppliedSignature("dave", "dave", Optional.of("finance"), 2),
                new AppliedSignature("acme", "acme-seal", Optional.of("seal"), 3));
        VerificationReport report = service.verify(finance.output(), Optional.empty());
        assertThat(report.verdict()).as(report.summary()).isEqualTo(Verdict.VALID);
        assertThat(report.process().stepsDone()).containsExactly("create: alice (acme)", "legal: carol (acme)",
                "finance: dave (acme)", "seal: the organisation seal of acme");
        assertThat(ReferenceChecks.dss(finance.output(), null, fixture.root)).containsExactly(
                "TOTAL_PASSED alice", "TOTAL_PASSED carol", "TOTAL_PASSED dave", "TOTAL_PASSED acme e-seal");
        assertThat(ReferenceChecks.pdfsigValidations(finance.output())).containsExactly("Signature is Valid.",
                "Signature is Valid.", "Signature is Valid.", "Signature is Valid.");
    }

    @Test
    void approvalBySomeoneNotNamedInTheStepIsRefusedWith403() throws Exception {
        SignResult created = create();

        assertThatThrownBy(() -> approve(created.output(), MALLORY, "r-2"))
                .isInstanceOfSatisfying(ProcessRefusedException.class, e -> {
                    assertThat(e.decision().outcome()).isEqualTo(ProcessDecision.Outcome.NOT_YOUR_STEP);
                    assertThat(e.decision().outcome().kind()).isEqualTo(ProcessDecision.Kind.FORBIDDEN);
                })
                .hasMessage("mallory (acme) may not perform step legal, the open step of purchase-order v1; only "
                        + "role legal of acme may perform it");
    }

    @Test
    void aSecondApprovalOfTheSameStepIsRefusedWith409() throws Exception {
        SignResult legal = approve(create().output(), CAROL, "r-2");

        assertThatThrownBy(() -> approve(legal.output(), CAROL, "r-3"))
                .isInstanceOfSatisfying(ProcessRefusedException.class, e ->
                    assertThat(e.decision().outcome()).isEqualTo(ProcessDecision.Outcome.ALREADY_SIGNED))
                .hasMessage("carol (acme) has already signed step legal");
    }

    @Test
    void aDocumentChangedAfterItsLastSignatureIsRefused() throws Exception {
        Path created = create().output();
        Path changed = dir.resolve("changed.pdf");
        try (PDDocument doc = Loader.loadPDF(created.toFile()); OutputStream out = Files.newOutputStream(changed)) {
            doc.addPage(new PDPage());
            doc.getPages().getCOSObject().setNeedToBeUpdated(true);
            doc.getDocumentCatalog().getCOSObject().setNeedToBeUpdated(true);
            doc.saveIncremental(out);
        }

        assertThatThrownBy(() -> approve(changed, CAROL, "r-2"))
                .isInstanceOf(DocumentModifiedException.class)
                .hasMessage("/docs/po-17.pdf was modified after its last signature (the page tree changed (pages: 2 "
                        + "before, 3 after) in revision 3), so no signature is added to it");
    }

    @Test
    void whenTheSealCannotBeAppliedTheCompletingApprovalIsDiscarded() throws Exception {
        SignResult legal = approve(create().output(), CAROL, "r-2");
        service.close();
        try (KeyVault operator = KeyVault.open(VaultFixture.config(fixture.token), KeyUsageGuard.ALLOW_ALL)) {
            operator.disable("acme-seal");
        }
        service = SigningService.open(fixture.settings);

        assertThatThrownBy(() -> approve(legal.output(), DAVE, "r-3"))
                .isInstanceOf(KeyUseRefusedException.class)
                .hasMessage("cannot sign /docs/po-17.pdf, organisation seal, step seal for seal:acme: key 'acme-seal' "
                        + "is disabled");
        assertThat(service.log().entries(2, 4)).satisfiesExactly(
                dave -> assertThat(((LogEntry) dave).userId()).isEqualTo("dave"),
                status -> assertThat(status).isInstanceOfSatisfying(StatusChange.class, s -> {
                    assertThat(s.entryIndex()).isEqualTo(2);
                    assertThat(s.status()).isEqualTo(DeliveryStatus.UPSTREAM_FAILED);
                    assertThat(s.detail()).contains("the organisation seal could not be applied, so the approval "
                            + "was discarded: cannot sign /docs/po-17.pdf, organisation seal, step seal for "
                            + "seal:acme: key 'acme-seal' is disabled");
                }));
    }

    private SignResult create() throws Exception {
        Path upload = SampleDocuments.PDFBOX_PURCHASE_ORDER.copyTo(dir);
        return service.create(new CreateRequest(upload, "/docs/po-17.pdf", ALICE, Optional.of(purchaseOrder()),
                request("r-1")));
    }

    private SignResult approve(Path document, Identity approver, String requestId) throws Exception {
        return service.approve(new ApproveRequest(document, Optional.empty(), "/docs/po-17.pdf", approver,
                Optional.empty(), request(requestId)));
    }
}
