package io.sealgate.signing.log;

import io.sealgate.signing.testing.SoftwareSigningKey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.Signature;

import org.junit.jupiter.api.Test;

class SignedTreeHeadTest {
    private static final SoftwareSigningKey key = SoftwareSigningKey.generate("sealgate-log");
    private static final byte[] ROOT = new byte[32];

    static {
        ROOT[0] = 42;
    }

    @Test
    void signedHeadVerifiesWithTheLogCertificateAndSurvivesEncoding() throws Exception {
        SignedTreeHead head = SignedTreeHead.sign(key, 1000, 1_790_000_000_123L, ROOT);
        SignedTreeHead decoded = SignedTreeHead.decode(head.encode());
        assertThat(decoded).isEqualTo(head);
        assertThat(decoded.verifySignature(key.certificate())).isTrue();
    }

    @Test
    void signatureCoversTheDocumentedBytes() throws Exception {
        SignedTreeHead head = SignedTreeHead.sign(key, 7, 99, ROOT);
        // Rebuilt here from docs/signature-log.md, not from the main code.
        ByteBuffer tbs = ByteBuffer.allocate(16 + 82);
        tbs.put("sealgate-log-sth".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).put((byte) 1).putLong(7)
                .putLong(99).put(ROOT).put(MessageDigest.getInstance("SHA-256").digest(key.certificate().getEncoded()))
                .put((byte) 1);
        Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(key.certificate().getPublicKey());
        verifier.update(tbs.array());
        assertThat(verifier.verify(head.signature())).isTrue();
        byte[] encoded = head.encode();
        assertThat(encoded.length).isEqualTo(82 + 2 + head.signature().length);
        assertThat(ByteBuffer.wrap(encoded).getShort(82)).isEqualTo((short) head.signature().length);
    }

    @Test
    void changedFieldsOrAnotherKeyFailVerification() throws Exception {
        SignedTreeHead head = SignedTreeHead.sign(key, 1000, 5, ROOT);
        SignedTreeHead grown = new SignedTreeHead(1001, 5, ROOT, head.keySha256(), 1, head.signature());
        assertThat(grown.verifySignature(key.certificate())).isFalse();
        assertThat(head.verifySignature(SoftwareSigningKey.generate("other").certificate())).isFalse();
    }

    @Test
    void truncatedEncodingIsRefused() throws Exception {
        byte[] encoded = SignedTreeHead.sign(key, 3, 5, ROOT).encode();
        byte[] truncated = java.util.Arrays.copyOf(encoded, encoded.length - 1);
        assertThatThrownBy(() -> SignedTreeHead.decode(truncated))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("tree head signature: " + (encoded.length - 85) + " bytes (expected: ");
    }
}
