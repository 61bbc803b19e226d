package io.sealgate.signing.log;

import io.sealgate.signing.SigningException;
import io.sealgate.signing.SigningKey;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A tree head signed with the log's own key: "the first {@code treeSize} leaves have root {@code rootHash}, said the
 * holder of the key whose certificate has SHA-256 {@code keySha256} at {@code timestampMillis}".
 *
 * <p>Serialisation (TLS presentation language style, big-endian), specified in docs/signature-log.md:
 * <pre>
 * uint8  version = 1
 * uint64 tree_size
 * uint64 timestamp            milliseconds since 1970-01-01T00:00:00Z
 * opaque root_hash[32]
 * opaque key_sha256[32]       SHA-256 of the log certificate's DER
 * uint8  signature_algorithm  1 = SHA256withECDSA (DER ECDSA-Sig-Value), 2 = SHA256withRSA (PKCS#1 v1.5)
 * opaque signature&lt;1..2^16-1&gt;
 * </pre>
 * The signature covers the ASCII bytes {@code "sealgate-log-sth"} followed by every field before {@code signature}.
 */
public record SignedTreeHead(long treeSize, long timestampMillis, byte[] rootHash, byte[] keySha256,
                             int signatureAlgorithm, byte[] signature) {

    public static final int ECDSA_SHA256 = 1;
    public static final int RSA_SHA256 = 2;
    private static final byte VERSION = 1;
    private static final byte[] CONTEXT = "sealgate-log-sth".getBytes(StandardCharsets.US_ASCII);
    private static final int FIXED_BYTES = 1 + 8 + 8 + 32 + 32 + 1;

    public SignedTreeHead {
        rootHash = rootHash.clone();
        keySha256 = keySha256.clone();
        signature = signature.clone();
        if (rootHash.length != 32 || keySha256.length != 32) {
            throw new IllegalArgumentException("rootHash and keySha256 must be 32 bytes");
        }
        if (signatureAlgorithm != ECDSA_SHA256 && signatureAlgorithm != RSA_SHA256) {
            throw new IllegalArgumentException("signatureAlgorithm: " + signatureAlgorithm + " (expected: 1, 2)");
        }
        if (signature.length == 0 || signature.length > 0xFFFF) {
            throw new IllegalArgumentException("signature: " + signature.length + " bytes (expected: 1-65535)");
        }
    }

    /** Signs a tree head with {@code key}: an EC or RSA key, signing SHA-256. */
    public static SignedTreeHead sign(SigningKey key, long treeSize, long timestampMillis, byte[] rootHash)
            throws SigningException {
        int algorithm = switch (key.keyAlgorithm()) {
            case "EC" -> ECDSA_SHA256;
            case "RSA" -> RSA_SHA256;
            default -> throw new SigningException("cannot sign the log's tree head with key '" + key.label()
                    + "': key algorithm " + key.keyAlgorithm() + " (expected: EC, RSA)");
        };
        byte[] keySha256 = certificateSha256(key.certificate());
        byte[] tbs = toBeSigned(treeSize, timestampMillis, rootHash, keySha256, algorithm);
        byte[] signature = key.sign(jcaAlgorithm(algorithm), tbs);
        return new SignedTreeHead(treeSize, timestampMillis, rootHash, keySha256, algorithm, signature);
    }

    /** Whether this head was signed by the key of {@code certificate} (fingerprint and signature both match). */
    public boolean verifySignature(X509Certificate certificate) {
        try {
            if (!MessageDigest.isEqual(keySha256, certificateSha256(certificate))) {
                return false;
            }
            Signature verifier = Signature.getInstance(jcaAlgorithm(signatureAlgorithm));
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(toBeSigned(treeSize, timestampMillis, rootHash, keySha256, signatureAlgorithm));
            return verifier.verify(signature);
        } catch (GeneralSecurityException | SigningException e) {
            return false;
        }
    }

    /** The binary serialisation described above. */
    public byte[] encode() {
        ByteBuffer out = ByteBuffer.allocate(FIXED_BYTES + 2 + signature.length);
        putFixed(out, treeSize, timestampMillis, rootHash, keySha256, signatureAlgorithm);
        out.putShort((short) signature.length);
        out.put(signature);
        return out.array();
    }

    /** Parses {@link #encode()}'s output; throws {@link IllegalArgumentException} saying what is wrong. */
    public static SignedTreeHead decode(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        if (bytes.length < FIXED_BYTES + 2) {
            throw new IllegalArgumentException("tree head: " + bytes.length + " bytes (expected: at least "
                    + (FIXED_BYTES + 2) + ")");
        }
        byte version = in.get();
        if (version != VERSION) {
            throw new IllegalArgumentException("tree head version: " + version + " (expected: 1)");
        }
        long treeSize = in.getLong();
        long timestamp = in.getLong();
        byte[] root = new byte[32];
        in.get(root);
        byte[] keyId = new byte[32];
        in.get(keyId);
        int algorithm = in.get() & 0xFF;
        int length = in.getShort() & 0xFFFF;
        if (in.remaining() != length) {
            throw new IllegalArgumentException("tree head signature: " + in.remaining() + " bytes (expected: "
                    + length + ")");
        }
        byte[] signature = new byte[length];
        in.get(signature);
        return new SignedTreeHead(treeSize, timestamp, root, keyId, algorithm, signature);
    }

    @Override
    public byte[] rootHash() {
        return rootHash.clone();
    }

    @Override
    public byte[] keySha256() {
        return keySha256.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SignedTreeHead h && Arrays.equals(encode(), h.encode());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(encode());
    }

    @Override
    public String toString() {
        return "SignedTreeHead[treeSize=" + treeSize + ", timestampMillis=" + timestampMillis + ", rootHash="
                + HexFormat.of().formatHex(rootHash) + "]";
    }

    static byte[] certificateSha256(X509Certificate certificate) throws SigningException {
        try {
            return MerkleTree.sha256().digest(certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new SigningException("cannot encode the log certificate " + certificate.getSubjectX500Principal()
                    + ": " + e.getMessage(), e);
        }
    }

    private static String jcaAlgorithm(int algorithm) {
        return algorithm == ECDSA_SHA256 ? "SHA256withECDSA" : "SHA256withRSA";
    }

    private static byte[] toBeSigned(long treeSize, long timestamp, byte[] root, byte[] keyId, int algorithm) {
        ByteBuffer out = ByteBuffer.allocate(CONTEXT.length + FIXED_BYTES);
        out.put(CONTEXT);
        putFixed(out, treeSize, timestamp, root, keyId, algorithm);
        return out.array();
    }

    private static void putFixed(ByteBuffer out, long treeSize, long timestamp, byte[] root, byte[] keyId,
                                 int algorithm) {
        out.put(VERSION).putLong(treeSize).putLong(timestamp).put(root).put(keyId).put((byte) algorithm);
    }
}
