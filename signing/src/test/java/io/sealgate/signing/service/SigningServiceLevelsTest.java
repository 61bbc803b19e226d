package io.sealgate.signing.service;

import static io.sealgate.signing.service.ServiceFixture.ALICE;
import static io.sealgate.signing.service.ServiceFixture.CAROL;
import static io.sealgate.signing.service.ServiceFixture.DAVE;
import static io.sealgate.signing.service.ServiceFixture.purchaseOrder;
import static io.sealgate.signing.service.ServiceFixture.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.sealgate.fixtures.documents.SampleDocuments;
import io.sealgate.policy.Identity;
import io.sealgate.signing.SignatureLevel;
import io.sealgate.signing.verify.Verdict;
import io.sealgate.signing.verify.VerificationReport;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.util.Optional;

/** The whole PDF flow at each level: every approval is accepted by the service's own check of the chain. */
class SigningServiceLevelsTest extends ServiceTestBase {

    @ParameterizedTest
    @EnumSource(value = SignatureLevel.class, names = {"B_B", "B_T", "B_LTA"})
    void theProcessCompletesAtLevel(SignatureLevel level) throws Exception {
        try (SigningService service = SigningService.open(fixture.settings.withLevel(level))) {
            SignResult created = service.create(new CreateRequest(SampleDocuments.PDFBOX_PURCHASE_ORDER.copyTo(dir),
                    "/docs/po-17.pdf", ALICE, Optional.of(purchaseOrder()), request("r-1")));
            SignResult legal = approve(service, created.output(), CAROL);
            SignResult done = approve(service, legal.output(), DAVE);

            VerificationReport report = service.verify(done.output(), Optional.empty());
            assertThat(report.verdict()).as(report.summary()).isEqualTo(Verdict.VALID);
            assertThat(done.signatures()).extracting(AppliedSignature::signer).containsExactly("dave", "acme");
        }
    }

    private static SignResult approve(SigningService service, Path document, Identity approver) throws Exception {
        return service.approve(new ApproveRequest(document, Optional.empty(), "/docs/po-17.pdf", approver,
                Optional.empty(), request("r-2")));
    }
}
