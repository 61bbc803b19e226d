package io.sealgate.signing.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sealgate.signing.SigningException;
import io.sealgate.signing.SigningKey;
import io.sealgate.signing.SigningUnavailableException;
import io.sealgate.signing.testing.ForwardingSigningKey;
import io.sealgate.signing.testing.SoftwareSigningKey;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SignatureLogTest {
    private static final SoftwareSigningKey key = SoftwareSigningKey.generate("sealgate-log");
    private static final Clock clock = Clock.fixed(Instant.parse("2026-11-21T12:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path directory;

    private SignatureLog open(int treeHeadEveryAppends) throws LogException {
        return SignatureLog.open(FileLogStore.open(directory), key,
                new SignatureLog.Options(treeHeadEveryAppends, clock));
    }

    @Test
    void everyAppendGetsTheNextIndexAndASignedHeadCoveringIt() throws Exception {
        try (SignatureLog log = open(1)) {
            assertThat(log.latestTreeHead().treeSize()).isZero();
            for (int i = 0; i < 5; i++) {
                assertThat(log.append(LogFixtures.entry(i))).isEqualTo(i);
                SignedTreeHead head = log.latestTreeHead();
                assertThat(head.treeSize()).isEqualTo(i + 1);
                assertThat(head.timestampMillis()).isEqualTo(clock.millis());
                assertThat(head.verifySignature(key.certificate())).isTrue();
                assertThat(head.rootHash()).isEqualTo(log.rootHash(i + 1));
            }
        }
    }

    @Test
    void inclusionProofVerifiesAgainstTheSignedHeadAndConsistencyLinksTwoHeads() throws Exception {
        try (SignatureLog log = open(1)) {
            for (int i = 0; i < 20; i++) {
                log.append(LogFixtures.entry(i));
            }
            SignedTreeHead head = log.latestTreeHead();
            InclusionProof proof = log.inclusionProof(13, head.treeSize());
            assertThat(proof.leafHash()).isEqualTo(MerkleTree.leafHash(LeafCodec.encode(LogFixtures.entry(13))));
            assertThat(proof.verify(head.rootHash())).isTrue();
            assertThat(proof.verify(log.rootHash(19))).isFalse();

            ConsistencyProof consistency = log.consistencyProof(7, 20);
            assertThat(consistency.verify(log.rootHash(7), head.rootHash())).isTrue();
        }
    }

    @Test
    void deliveryFailureIsAppendedAsAStatusChangeReferringToTheEntry() throws Exception {
        try (SignatureLog log = open(1)) {
            long entry = log.append(LogFixtures.entry(0));
            long status = log.appendStatus(entry, DeliveryStatus.UPSTREAM_FAILED, "req-0",
                    Optional.of("upstream answered 507"));
            assertThat(status).isEqualTo(1);
            assertThat(log.entries(0, 2)).containsExactly(LogFixtures.entry(0), new StatusChange(0,
                    DeliveryStatus.UPSTREAM_FAILED, clock.instant(), "req-0", Optional.of("upstream answered 507")));
            assertThat(log.verify().ok()).isTrue();
        }
    }

    @Test
    void statusChangeForAMissingOrNonSignatureEntryIsRefused() throws Exception {
        try (SignatureLog log = open(1)) {
            log.append(LogFixtures.entry(0));
            log.appendStatus(0, DeliveryStatus.DELIVERED, "req-0", Optional.empty());
            assertThatThrownBy(() -> log.appendStatus(1, DeliveryStatus.DELIVERED, "req-0", Optional.empty()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("entryIndex: 1 (expected: the index of a signature entry below 2)");
            assertThatThrownBy(() -> log.appendStatus(5, DeliveryStatus.DELIVERED, "req-0", Optional.empty()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("entryIndex: 5 (expected: the index of a signature entry below 2)");
            assertThat(log.size()).isEqualTo(2);
        }
    }

    @Test
    void batchedHeadsCoverEveryNthAppendAndSignTreeHeadCoversTheRest() throws Exception {
        try (SignatureLog log = open(10)) {
            for (int i = 0; i < 25; i++) {
                log.append(LogFixtures.entry(i));
            }
            assertThat(log.latestTreeHead().treeSize()).isEqualTo(20);
            assertThat(log.signTreeHead().treeSize()).isEqualTo(25);
            assertThat(log.signTreeHead().treeSize()).isEqualTo(25);
            assertThat(log.verify()).isEqualTo(new LogVerification(25, 4, List.of()));
        }
    }

    @Test
    void reopenedLogHasTheSameTreeAndKeepsAppending() throws Exception {
        byte[] root;
        try (SignatureLog log = open(1)) {
            for (int i = 0; i < 9; i++) {
                log.append(LogFixtures.entry(i));
            }
            root = log.rootHash(9);
        }
        try (SignatureLog log = open(1)) {
            assertThat(log.size()).isEqualTo(9);
            assertThat(log.rootHash(9)).isEqualTo(root);
            assertThat(log.append(LogFixtures.entry(9))).isEqualTo(9);
            assertThat(log.consistencyProof(9, 10).verify(root, log.latestTreeHead().rootHash())).isTrue();
            assertThat(log.verify()).isEqualTo(new LogVerification(10, 11, List.of()));
        }
    }

    @Test
    void entryIsKeptAndReturnedWhenTheTreeHeadCannotBeSignedYet() throws Exception {
        TokenOutage key = new TokenOutage(SignatureLogTest.key);
        try (SignatureLog log = SignatureLog.open(FileLogStore.open(directory), key,
                new SignatureLog.Options(1, clock))) {
            key.down = true;
            assertThat(log.append(LogFixtures.entry(0))).isZero();
            assertThat(log.latestTreeHead().treeSize()).isZero();
            key.down = false;
            assertThat(log.append(LogFixtures.entry(1))).isEqualTo(1);
            assertThat(log.latestTreeHead().treeSize()).isEqualTo(2);
            assertThat(log.verify().ok()).isTrue();
        }
    }

    @Test
    void logSignedByAnotherKeyIsRefusedOnOpen() throws Exception {
        try (SignatureLog log = open(1)) {
            log.append(LogFixtures.entry(0));
        }
        SoftwareSigningKey other = SoftwareSigningKey.generate("other-log");
        assertThatThrownBy(() -> SignatureLog.open(FileLogStore.open(directory), other))
                .isInstanceOf(LogCorruptedException.class)
                .hasMessage("signature log " + directory.resolve("signature-log.dat") + " does not verify: the latest"
                        + " tree head (size 1) is not signed by the log key 'other-log'");
    }

    @Test
    void proofBeyondTheLogIsRefusedWithTheValidRange() throws Exception {
        try (SignatureLog log = open(1)) {
            log.append(LogFixtures.entry(0));
            assertThatThrownBy(() -> log.inclusionProof(3, 1)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("index: 3 (expected: 0-0)");
        }
    }

    /** The log key, except while {@link #down}: then the token is unavailable. */
    private static final class TokenOutage extends ForwardingSigningKey {
        volatile boolean down;

        TokenOutage(SigningKey key) {
            super(key);
        }

        @Override
        public byte[] sign(String algorithm, byte[] data) throws SigningException {
            if (down) {
                throw new SigningUnavailableException("token 'log' is not present");
            }
            return super.sign(algorithm, data);
        }
    }
}
