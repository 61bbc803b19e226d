package io.sealgate.signing.service;

import static io.sealgate.signing.service.ServiceFixture.ALICE;
import static io.sealgate.signing.service.ServiceFixture.CAROL;
import static io.sealgate.signing.service.ServiceFixture.MALLORY;
import static io.sealgate.signing.service.ServiceFixture.purchaseOrder;
import static io.sealgate.signing.service.ServiceFixture.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sealgate.fixtures.documents.SampleDocuments;
import io.sealgate.policy.KeyUsageGuard;
import io.sealgate.policy.KeyUsageRule;
import io.sealgate.policy.KeyUsageRules;
import io.sealgate.policy.ProcessDecision;
import io.sealgate.signing.SigningUnavailableException;
import io.sealgate.signing.keys.KeyUseRefusedException;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

/** Refusals that come from keys, rules and the token rather than from the document. */
class SigningServiceRefusalTest extends ServiceTestBase {

    @Test
    void aCreatorNotNamedInTheCreateStepIsRefusedWith403() throws Exception {
        service = SigningService.open(fixture.settings);

        assertThatThrownBy(() -> create(MALLORY, "/docs/po-17.pdf"))
                .isInstanceOfSatisfying(ProcessRefusedException.class, e ->
                        assertThat(e.decision().outcome()).isEqualTo(ProcessDecision.Outcome.NOT_YOUR_STEP))
                .hasMessage("mallory (acme) may not perform step create; only user alice of acme may perform it");
        assertThat(service.log().size()).isZero();
    }

    @Test
    void aKeyRuleThatExcludesTheRouteRefusesTheSignatureWith403() throws Exception {
        service = SigningService.open(fixture.settings.withKeyRules(KeyUsageRules.builder()
                .base(KeyUsageGuard.ALLOW_ALL).rule(KeyUsageRule.forKey("alice-key").routes("contracts")).build()));

        assertThatThrownBy(() -> create(ALICE, "/docs/po-17.pdf"))
                .isInstanceOf(KeyUseRefusedException.class)
                .hasMessage("alice may not use key 'alice-key' for /docs/po-17.pdf, step create: key alice-key may "
                        + "sign for routes contracts only (this one: docs)");
        assertThat(service.log().size()).isZero();
    }

    @Test
    void aDailyLimitCountsTheSignaturesAlreadyMade() throws Exception {
        service = SigningService.open(fixture.settings.withKeyRules(KeyUsageRules.builder()
                .base(KeyUsageGuard.ALLOW_ALL).rule(KeyUsageRule.forKey("alice-key").dailyLimit(1)).build()));
        create(ALICE, "/docs/po-17.pdf");

        assertThatThrownBy(() -> create(ALICE, "/docs/po-18.pdf"))
                .isInstanceOf(KeyUseRefusedException.class)
                .hasMessage("alice may not use key 'alice-key' for /docs/po-18.pdf, step create: key alice-key may "
                        + "make 1 signatures a day (made today: 1)");
    }

    @Test
    void noUserSignsWithTheOrganisationSealKeyEvenWhenConfiguredTo() throws Exception {
        service = SigningService.open(fixture.settings.withUserKeys(Map.of("carol", "acme-seal")));

        assertThatThrownBy(() -> service.create(new CreateRequest(
                SampleDocuments.PDFBOX_PURCHASE_ORDER.copyTo(dir), "/docs/po-17.pdf", CAROL, Optional.empty(),
                request("r-1"))))
                .isInstanceOf(KeyUseRefusedException.class)
                .hasMessage("carol may not use key 'acme-seal' for /docs/po-17.pdf: the organisation seal key signs "
                        + "only as the organisation seal, when a process calls for it");
        assertThat(service.log().size()).isZero();
    }

    @Test
    void aUserWhoseIdLooksLikeTheSealIdentityGetsNoKey() throws Exception {
        service = SigningService.open(fixture.settings.withUserKeys(Map.of("seal:acme", "acme-seal")));

        assertThatThrownBy(() -> service.create(new CreateRequest(
                SampleDocuments.PDFBOX_PURCHASE_ORDER.copyTo(dir), "/docs/po-17.pdf",
                io.sealgate.policy.Identity.of("seal:acme", "acme"), Optional.empty(), request("r-1"))))
                .isInstanceOf(KeyUseRefusedException.class)
                .hasMessage("cannot sign /docs/po-17.pdf for user 'seal:acme': user ids must not contain ':'");
        assertThat(service.log().size()).isZero();
    }

    @Test
    void aLostTokenMakesSigningUnavailableUntilItIsBack() throws Exception {
        service = SigningService.open(fixture.settings);
        // the key's handle is known from an earlier signature; see the report on keys used first after a loss
        create(ALICE, "/docs/po-17.pdf");
        fixture.token.remove();
        try {
            assertThatThrownBy(() -> create(ALICE, "/docs/po-18.pdf"))
                    .isInstanceOf(SigningUnavailableException.class)
                    .hasMessage("cannot sign /docs/po-18.pdf for alice-key: cannot sign with key 'alice-key' for "
                            + "alice: token '" + fixture.token.label() + "' failed (CKR_OBJECT_HANDLE_INVALID)");
        } finally {
            fixture.token.restore();
        }
        assertThat(service.log().size()).isEqualTo(1);

        // back without a restart
        assertThat(create(ALICE, "/docs/po-19.pdf").logIndexes()).containsExactly(1L);
    }

    @Test
    void aSecondInstanceWithTheSameSettingsCountsTodaysSignaturesFromTheLog() throws Exception {
        SigningServiceSettings limited = fixture.settings.withKeyRules(KeyUsageRules.builder()
                .base(KeyUsageGuard.ALLOW_ALL).rule(KeyUsageRule.forKey("alice-key").dailyLimit(1)).build());
        try (SigningService first = SigningService.open(limited)) {
            first.create(new CreateRequest(SampleDocuments.PDFBOX_PURCHASE_ORDER.copyTo(dir), "/docs/po-17.pdf",
                    ALICE, Optional.empty(), request("r-1")));
        }
        service = SigningService.open(limited);

        assertThatThrownBy(() -> create(ALICE, "/docs/po-18.pdf"))
                .isInstanceOf(KeyUseRefusedException.class)
                .hasMessage("alice may not use key 'alice-key' for /docs/po-18.pdf, step create: key alice-key may "
                        + "make 1 signatures a day (made today: 1)");
    }

    private SignResult create(io.sealgate.policy.Identity creator, String name) throws Exception {
        return service.create(new CreateRequest(SampleDocuments.PDFBOX_PURCHASE_ORDER.copyTo(dir), name, creator,
                Optional.of(purchaseOrder()), request("r-1")));
    }
}
