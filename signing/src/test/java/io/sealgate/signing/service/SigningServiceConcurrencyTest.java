package io.sealgate.signing.service;

import static io.sealgate.signing.service.ServiceFixture.ALICE;
import static io.sealgate.signing.service.ServiceFixture.request;
import static io.sealgate.signing.service.SignatureEvidence.sha256;
import static org.assertj.core.api.Assertions.assertThat;

import io.sealgate.fixtures.documents.SampleDocuments;
import io.sealgate.policy.KeyUsageGuard;
import io.sealgate.policy.KeyUsageRule;
import io.sealgate.policy.KeyUsageRules;
import io.sealgate.signing.SignatureLevel;
import io.sealgate.signing.keys.KeyUseRefusedException;
import io.sealgate.signing.log.LogEntry;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Signatures made in parallel each embed the index of their own log entry. */
class SigningServiceConcurrencyTest extends ServiceTestBase {

    private static final int DOCUMENTS = 8;

    @BeforeEach
    void openService() throws Exception {
        service = SigningService.open(fixture.settings.withLevel(SignatureLevel.B_T));
    }

    @Test
    void parallelRequestsCannotTogetherExceedADailyLimit() throws Exception {
        service.close();
        service = SigningService.open(fixture.settings.withLevel(SignatureLevel.B_B).withKeyRules(
                KeyUsageRules.builder().base(KeyUsageGuard.ALLOW_ALL)
                        .rule(KeyUsageRule.forKey("alice-key").dailyLimit(3)).build()));
        ExecutorService executor = Executors.newFixedThreadPool(4);
        int signed = 0;
        int refused = 0;
        try {
            List<Future<SignResult>> futures = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                Path upload = Files.copy(SampleDocuments.PDFBOX_PURCHASE_ORDER.copyTo(dir),
                        dir.resolve("limited-" + i + ".pdf"));
                futures.add(executor.submit(() -> service.create(new CreateRequest(upload, "/docs/po.pdf", ALICE,
                        Optional.empty(), request("r")))));
            }
            for (Future<SignResult> f : futures) {
                try {
                    f.get();
                    signed++;
                } catch (ExecutionException e) {
                    assertThat(e.getCause()).isInstanceOf(KeyUseRefusedException.class);
                    refused++;
                }
            }
        } finally {
            executor.shutdownNow();
        }
        assertThat(signed).isEqualTo(3);
        assertThat(refused).isEqualTo(3);
        assertThat(service.log().size()).isEqualTo(3);
    }

    @Test
    void parallelSignaturesEachCarryTheIndexOfTheirOwnEntry() throws Exception {
        ExecutorService executor = Executors.newFixedThreadPool(4);
        List<Future<SignResult>> futures = new ArrayList<>();
        List<Long> indexes = new ArrayList<>();
        try {
            for (int i = 0; i < DOCUMENTS; i++) {
                Path upload = Files.copy(SampleDocuments.PDFBOX_PURCHASE_ORDER.copyTo(dir),
                        dir.resolve("upload-" + i + ".pdf"));
                String name = "/docs/po-" + i + ".pdf";
                futures.add(executor.submit(() -> service.create(new CreateRequest(upload, name, ALICE,
                        Optional.empty(), request("r-" + name)))));
            }
            for (Future<SignResult> f : futures) {
                SignResult result = f.get();
                long index = result.logIndexes().get(0);
                indexes.add(index);
                LogEntry entry = (LogEntry) service.log().entries(index, index + 1).get(0);
                SignatureEvidence.Found embedded = SignatureEvidence.ofPdf(result.output()).get(0);

                assertThat(embedded.logIndex()).isEqualTo(index);
                assertThat(embedded.signatureValueSha256()).isEqualTo(entry.signatureValueSha256());
                assertThat(entry.documentSha256After()).isEqualTo(sha256(result.output()));
            }
        } finally {
            executor.shutdownNow();
        }
        assertThat(service.log().size()).isEqualTo(DOCUMENTS);
        assertThat(indexes).doesNotHaveDuplicates().hasSize(DOCUMENTS);
    }
}
