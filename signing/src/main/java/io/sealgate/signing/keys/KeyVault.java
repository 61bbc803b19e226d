package io.sealgate.signing.keys;

import io.sealgate.config.TokenConfig;
import io.sealgate.policy.KeyUsageGuard;
import io.sealgate.policy.KeyUse;
import io.sealgate.signing.SigningException;
import io.sealgate.signing.SigningKey;
import io.sealgate.signing.SigningUnavailableException;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import javax.crypto.KeyGenerator;
import javax.security.auth.x500.X500Principal;

/**
 * The keys in one PKCS#11 token: user keys (label = user id), the organisation seal key, and the dev CA's and the
 * embedded TSA's keys. Key pairs are generated inside the token as sensitive, never-extractable token objects and
 * stored with their certificate chain; nothing here can export a private key.
 *
 * <p>Life of a key: {@link #enroll} generates it with a self-signed placeholder certificate ({@link KeyStatus#PENDING});
 * a certificate from the dev CA ({@link DevCa#certify}) or from an external CA ({@link #csr}, then
 * {@link #importCertificate}) makes it {@link KeyStatus#ENABLED}; {@link #disable} ends it for good. A disabled key is
 * recorded in the token itself, as a secret-key object labelled {@code <label>.sealgate-disabled}, so every process
 * using the token sees it.
 *
 * <p>Thread-safe. Each signature borrows one session from SunPKCS11's pool; the token is logged in once. See
 * {@link Pkcs11Token} for recovery after the token was lost.
 */
public final class KeyVault implements AutoCloseable {

    static final String DISABLED_SUFFIX = ".sealgate-disabled";
    /** Labels of Sealgate's own keys (dev CA, embedded TSA) start with this; see {@link #systemKey}. */
    public static final String SYSTEM_PREFIX = "sealgate-";
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");

    private final Pkcs11Token token;
    private final KeyUsageGuard guard;

    private KeyVault(Pkcs11Token token, KeyUsageGuard guard) {
        this.token = token;
        this.guard = guard;
    }

    /**
     * Finds the token by label, logs in and keeps the session pool.
     *
     * @throws SigningUnavailableException when the library cannot be loaded, no token has the label, or the PIN is
     *         wrong; the message names the token and the PKCS#11 return code
     */
    public static KeyVault open(TokenConfig config, KeyUsageGuard guard) throws SigningUnavailableException {
        return new KeyVault(Pkcs11Token.open(config), guard);
    }

    /** The label of the token this vault works on. */
    public String tokenLabel() {
        return token.label();
    }

    /**
     * Generates a key pair inside the token and stores it under {@code label} with a placeholder certificate.
     *
     * @param subject the subject the certificate request will carry, e.g. {@code CN=Alice Example, O=Acme}
     * @throws SigningException when the label is invalid or taken
     */
    public KeyInfo enroll(String label, KeyAlgorithm algorithm, X500Principal subject) throws SigningException {
        checkLabel(label);
        String action = "enrol key '" + label + "'";
        token.call(action, c -> {
            if (c.keyStore().containsAlias(label)) {
                throw new SigningException("cannot " + action + ": the label is taken in token '" + token.label()
                        + "'");
            }
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm.keyAlgorithm(), c.provider());
            generator.initialize(algorithm.generationSpec());
            KeyPair pair = generator.generateKeyPair();
            SigningKey sessionKey = new SessionKey(label, pair.getPrivate(), c);
            X509Certificate placeholder = Certificates.placeholder(sessionKey, pair.getPublic(), subject,
                    algorithm.signatureAlgorithm());
            c.keyStore().setKeyEntry(label, pair.getPrivate(), null, new Certificate[] {placeholder});
            return null;
        });
        return info(label).orElseThrow(() -> new SigningException("cannot " + action + ": the key vanished"));
    }

    /** Every key in the token, sorted by label. */
    public List<KeyInfo> list() throws SigningException {
        List<String> labels = token.call("list keys", c -> {
            List<String> out = new ArrayList<>();
            for (String alias : Collections.list(c.keyStore().aliases())) {
                if (c.keyStore().isKeyEntry(alias) && !alias.endsWith(DISABLED_SUFFIX)
                        && c.keyStore().getCertificate(alias) != null) {
                    out.add(alias);
                }
            }
            Collections.sort(out);
            return out;
        });
        List<KeyInfo> infos = new ArrayList<>();
        for (String label : labels) {
            info(label).ifPresent(infos::add);
        }
        return infos;
    }

    /** The key labelled {@code label}, if there is one. */
    public Optional<KeyInfo> info(String label) throws SigningException {
        return token.call("read key '" + label + "'", c -> {
            KeyStore ks = c.keyStore();
            Certificate[] stored = ks.getCertificateChain(label);
            if (stored == null || stored.length == 0) {
                return Optional.empty();
            }
            List<X509Certificate> chain = Arrays.stream(stored).map(X509Certificate.class::cast).toList();
            X509Certificate cert = chain.get(0);
            KeyStatus status = ks.containsAlias(label + DISABLED_SUFFIX) ? KeyStatus.DISABLED
                    : Certificates.isPlaceholder(cert) ? KeyStatus.PENDING : KeyStatus.ENABLED;
            return Optional.of(new KeyInfo(label, KeyAlgorithm.describe(cert.getPublicKey()),
                    cert.getSubjectX500Principal().getName(), cert.getIssuerX500Principal().getName(),
                    cert.getNotBefore().toInstant(), cert.getNotAfter().toInstant(), status, chain));
        });
    }

    /** A PEM PKCS#10 request for the key, signed inside the token, to send to an external CA. */
    public String csr(String label) throws SigningException {
        KeyInfo info = require(label);
        X509Certificate cert = info.certificate();
        SigningKey key = new TokenSigningKey(this, token, label, info.chain(), null, null);
        return Certificates.pem(Certificates.csr(key, cert.getSubjectX500Principal(), cert.getPublicKey(),
                SigningKeyContentSigner.defaultAlgorithm(key)));
    }

    /**
     * Stores the certificate a CA issued for the key, with its chain (signer first).
     *
     * @throws SigningException when the certificate's public key is not the token key's, or the chain is broken
     */
    public void importCertificate(String label, List<X509Certificate> chain) throws SigningException {
        KeyInfo info = require(label);
        String action = "import the certificate for key '" + label + "'";
        CertificateChecks.checkImport(action, info.certificate(), chain);
        token.call(action, c -> {
            PrivateKey key = c.privateKey(label);
            c.keyStore().setKeyEntry(label, key, null, chain.toArray(new Certificate[0]));
            return null;
        });
    }

    /** Switches the key off for good: it refuses every signature from now on, in every process. */
    public void disable(String label) throws SigningException {
        require(label);
        mark(label + DISABLED_SUFFIX, "disable key '" + label + "'");
    }

    /**
     * Stores a marker in the token: a small secret-key object whose label is the information. Markers record
     * state that must live with the keys (disabled keys, the dev CA's revocations) without a second store.
     */
    void mark(String alias, String action) throws SigningException {
        token.call(action, c -> {
            if (!c.keyStore().containsAlias(alias)) {
                KeyGenerator marker = KeyGenerator.getInstance("AES", c.provider());
                marker.init(128);
                c.keyStore().setEntry(alias, new KeyStore.SecretKeyEntry(marker.generateKey()), null);
            }
            return null;
        });
    }

    /** Labels of the markers starting with {@code prefix}. */
    List<String> markers(String prefix) throws SigningException {
        return token.call("read markers", c -> {
            List<String> out = new ArrayList<>();
            for (String alias : Collections.list(c.keyStore().aliases())) {
                if (alias.startsWith(prefix) && c.keyStore().entryInstanceOf(alias, KeyStore.SecretKeyEntry.class)) {
                    out.add(alias);
                }
            }
            return out;
        });
    }

    /**
     * The key labelled {@code label}, bound to {@code use}. Every signature with it first asks the guard.
     *
     * @throws KeyUseRefusedException when the guard denies the use, or the key is disabled or not certified
     * @throws SigningException       when there is no such key
     */
    public SigningKey key(String label, KeyUse use) throws SigningException {
        try {
            guard.check(use);
        } catch (io.sealgate.policy.KeyUsageDeniedException e) {
            throw new KeyUseRefusedException(e.getMessage(), e);
        }
        KeyInfo info = requireEnabled(label, use);
        return new TokenSigningKey(this, token, label, info.chain(), guard, use);
    }

    /**
     * A key Sealgate signs with for itself (dev CA, embedded TSA, OCSP responder): labels starting with
     * {@value #SYSTEM_PREFIX}. The guard is not asked, since no user acts; a disabled key still refuses.
     */
    public SigningKey systemKey(String label) throws SigningException {
        if (!label.startsWith(SYSTEM_PREFIX)) {
            throw new KeyUseRefusedException("key '" + label + "' is not a Sealgate system key (expected: a label "
                    + "starting with " + SYSTEM_PREFIX + ")");
        }
        KeyInfo info = requireEnabled(label, new KeyUse(KeyUse.SYSTEM, label, "infrastructure"));
        return new TokenSigningKey(this, token, label, info.chain(), null, null);
    }

    KeyInfo requireEnabled(String label, KeyUse use) throws SigningException {
        KeyInfo info = require(label);
        if (info.status() != KeyStatus.ENABLED) {
            throw new KeyUseRefusedException("cannot sign " + use.purpose() + " for " + use.identity() + ": key '"
                    + label + "' is " + (info.status() == KeyStatus.DISABLED ? "disabled" : "not certified yet"));
        }
        return info;
    }

    private KeyInfo require(String label) throws SigningException {
        return info(label).orElseThrow(() -> new SigningException("no key labelled '" + label + "' in token '"
                + token.label() + "'"));
    }

    private static void checkLabel(String label) throws SigningException {
        if (!LABEL.matcher(label).matches() || label.endsWith(DISABLED_SUFFIX)) {
            throw new SigningException("key label: '" + label + "' (expected: 1-64 of A-Z a-z 0-9 . _ @ -, "
                    + "starting with a letter or digit)");
        }
    }

    Pkcs11Token token() {
        return token;
    }

    @Override
    public void close() {
        token.close();
    }
}
