package io.sealgate.signing.keys;

import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.util.Locale;

/** Key pair types the vault generates inside the token. {@link #EC_P256} is the default. */
public enum KeyAlgorithm {
    EC_P256("EC", "P-256", "SHA256withECDSA"),
    EC_P384("EC", "P-384", "SHA384withECDSA"),
    RSA_3072("RSA", "3072", "SHA256withRSA");

    private final String keyAlgorithm;
    private final String size;
    private final String signatureAlgorithm;

    KeyAlgorithm(String keyAlgorithm, String size, String signatureAlgorithm) {
        this.keyAlgorithm = keyAlgorithm;
        this.size = size;
        this.signatureAlgorithm = signatureAlgorithm;
    }

    /** {@code "EC"} or {@code "RSA"}, as {@link io.sealgate.signing.SigningKey#keyAlgorithm()} reports it. */
    public String keyAlgorithm() {
        return keyAlgorithm;
    }

    /** The JCA signature algorithm the vault uses for certificates and requests with this key. */
    public String signatureAlgorithm() {
        return signatureAlgorithm;
    }

    /** The name users type and see: {@code EC-P256}, {@code EC-P384}, {@code RSA-3072}. */
    public String displayName() {
        return keyAlgorithm + "-" + size.replace("-", "");
    }

    AlgorithmParameterSpec generationSpec() {
        return switch (this) {
            case EC_P256 -> new ECGenParameterSpec("secp256r1");
            case EC_P384 -> new ECGenParameterSpec("secp384r1");
            case RSA_3072 -> new RSAKeyGenParameterSpec(3072, RSAKeyGenParameterSpec.F4);
        };
    }

    /**
     * Parses a display name, case-insensitively.
     *
     * @throws IllegalArgumentException {@code "key algorithm: DSA (expected: EC-P256, EC-P384, RSA-3072)"}
     */
    public static KeyAlgorithm parse(String name) {
        for (KeyAlgorithm a : values()) {
            if (a.displayName().equalsIgnoreCase(name.strip()) || a.name().equalsIgnoreCase(name.strip())) {
                return a;
            }
        }
        throw new IllegalArgumentException("key algorithm: " + name + " (expected: EC-P256, EC-P384, RSA-3072)");
    }

    /** The algorithm of an existing public key, or {@code null} for sizes the vault does not generate. */
    static KeyAlgorithm of(PublicKey key) {
        if (key instanceof ECPublicKey ec) {
            int bits = ec.getParams().getOrder().bitLength();
            return bits == 256 ? EC_P256 : bits == 384 ? EC_P384 : null;
        }
        if (key instanceof RSAPublicKey rsa) {
            return rsa.getModulus().bitLength() == 3072 ? RSA_3072 : null;
        }
        return null;
    }

    /** A description of any public key: the display name, or e.g. {@code RSA-2048}. */
    static String describe(PublicKey key) {
        KeyAlgorithm known = of(key);
        if (known != null) {
            return known.displayName();
        }
        if (key instanceof RSAPublicKey rsa) {
            return "RSA-" + rsa.getModulus().bitLength();
        }
        return key.getAlgorithm().toUpperCase(Locale.ROOT);
    }
}
