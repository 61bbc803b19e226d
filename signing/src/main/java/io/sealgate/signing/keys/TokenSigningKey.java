package io.sealgate.signing.keys;

import io.sealgate.policy.KeyUsageDeniedException;
import io.sealgate.policy.KeyUsageGuard;
import io.sealgate.policy.KeyUse;
import io.sealgate.signing.SigningException;
import io.sealgate.signing.SigningKey;

import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A key in the vault, bound to one {@link KeyUse}. Every {@link #sign} asks the guard again and checks that the key
 * has not been disabled meanwhile, then signs with a pooled PKCS#11 session.
 */
final class TokenSigningKey implements SigningKey {

    private final KeyVault vault;
    private final Pkcs11Token token;
    private final String label;
    private final List<X509Certificate> chain;
    private final KeyUsageGuard guard;
    private final KeyUse use;

    /** @param guard {@code null} for the vault's own infrastructure signatures (placeholder certificates, CSRs) */
    TokenSigningKey(KeyVault vault, Pkcs11Token token, String label, List<X509Certificate> chain, KeyUsageGuard guard,
                    KeyUse use) {
        this.vault = vault;
        this.token = token;
        this.label = label;
        this.chain = List.copyOf(chain);
        this.guard = guard;
        this.use = use;
    }

    @Override
    public String label() {
        return label;
    }

    @Override
    public List<X509Certificate> certificateChain() {
        return chain;
    }

    @Override
    public String keyAlgorithm() {
        return chain.get(0).getPublicKey().getAlgorithm();
    }

    @Override
    public byte[] sign(String jcaSignatureAlgorithm, byte[] dataToBeSigned) throws SigningException {
        if (guard != null) {
            try {
                guard.check(use);
            } catch (KeyUsageDeniedException e) {
                throw new KeyUseRefusedException(e.getMessage(), e);
            }
            vault.requireEnabled(label, use);
        }
        String who = use == null ? "" : " for " + use.identity();
        return token.call("sign with key '" + label + "'" + who, c -> {
            Signature signature = Signature.getInstance(jcaSignatureAlgorithm, c.provider());
            signature.initSign(c.privateKey(label));
            signature.update(dataToBeSigned);
            return signature.sign();
        });
    }

    @Override
    public String toString() {
        return "TokenSigningKey[" + label + "]";
    }
}
