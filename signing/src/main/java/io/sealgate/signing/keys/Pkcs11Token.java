package io.sealgate.signing.keys;

import io.sealgate.config.TokenConfig;
import io.sealgate.signing.SigningException;
import io.sealgate.signing.SigningUnavailableException;

import java.security.AuthProvider;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Security;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.security.auth.login.LoginException;

/**
 * One PKCS#11 token reached through its own SunPKCS11 provider instance. Logs in once (loading the PKCS#11 key store
 * performs {@code C_Login}); SunPKCS11 keeps a pool of sessions, so concurrent signatures each borrow one session and
 * the caller bounds concurrency with the size of its signing executor.
 *
 * <p>Recovery: when a call fails inside PKCS#11 (token removed, library error, session closed), the connection is
 * dropped and the next call builds a new provider, looks the slot up again by label and logs in again. A token that
 * comes back is therefore used again without a restart; while it is gone, every call fails fast with a
 * {@link SigningUnavailableException} naming the token and the PKCS#11 return code. A rejected PIN is the exception:
 * it is never tried again (a real HSM locks after a few wrong PINs); the process must be restarted with the right
 * one.
 */
final class Pkcs11Token implements AutoCloseable {

    /** The work one call does with the live connection. */
    @FunctionalInterface
    interface Call<T> {
        T apply(Connection connection) throws Exception;
    }

    /**
     * A live provider, its logged-in key store, the private key handles found so far, and the
     * {@link TokenSlots#generation() module generation} they belong to.
     */
    record Connection(Provider provider, KeyStore keyStore, Map<String, PrivateKey> keys, long generation) {
        PrivateKey privateKey(String label) throws Exception {
            PrivateKey key = keys.get(label);
            if (key == null) {
                key = (PrivateKey) keyStore.getKey(label, null);
                if (key == null) {
                    throw new IllegalStateException("no private key labelled '" + label + "'");
                }
                keys.put(label, key);
            }
            return key;
        }
    }

    /** Return codes after which logging in again cannot help and may lock the token. */
    private static final Set<String> PIN_FAILURES = Set.of("CKR_PIN_INCORRECT", "CKR_PIN_INVALID",
            "CKR_PIN_LEN_RANGE", "CKR_PIN_EXPIRED", "CKR_PIN_LOCKED");

    /**
     * Connections this process no longer uses, kept reachable on purpose. SunPKCS11 closes a provider's sessions by
     * number when the provider is garbage-collected; after a module re-initialisation those numbers belong to other,
     * live sessions, which that late close would kill ({@code CKR_SESSION_HANDLE_INVALID} in an unrelated vault). A
     * retired connection costs a few kilobytes, and a process retires one per lost token or closed vault.
     */
    private static final List<Connection> RETIRED = new CopyOnWriteArrayList<>();

    private final TokenConfig config;
    private Connection connection;
    private SigningUnavailableException pinRejected;
    private boolean closed;

    private Pkcs11Token(TokenConfig config) {
        this.config = config;
    }

    /** Connects and logs in now, so that a wrong PIN or a missing token shows at startup. */
    static Pkcs11Token open(TokenConfig config) throws SigningUnavailableException {
        Pkcs11Token token = new Pkcs11Token(config);
        token.connection();
        return token;
    }

    String label() {
        return config.label();
    }

    /**
     * Runs {@code call} on the live connection. PKCS#11 failures become {@link SigningUnavailableException}s
     * ({@code "cannot <action>: token 'x' failed (CKR_...)"}) and drop the connection; other failures become
     * {@link SigningException}s. A call that failed only because another vault re-initialised the module while it
     * ran (its handles went stale under it) is run once more on a fresh connection.
     */
    <T> T call(String action, Call<T> call) throws SigningException {
        for (int attempt = 0; ; attempt++) {
            Connection c = connection();
            try {
                return call.apply(c);
            } catch (SigningException e) {
                throw e;
            } catch (Exception e) {
                if (!Pkcs11Errors.isTokenFailure(e)) {
                    throw new SigningException("cannot " + action + " in token '" + config.label() + "': "
                            + Pkcs11Errors.describe(e), e);
                }
                drop(c);
                boolean staleHandles = c.generation() != TokenSlots.generation();
                if (!staleHandles || attempt > 0) {
                    throw unavailable(action, e);
                }
            }
        }
    }

    private SigningUnavailableException unavailable(String action, Exception e) {
        return new SigningUnavailableException("cannot " + action + ": token '" + config.label() + "' failed ("
                + Pkcs11Errors.describe(e) + ")", e);
    }

    private synchronized Connection connection() throws SigningUnavailableException {
        if (closed) {
            throw new SigningUnavailableException("token '" + config.label() + "' is closed");
        }
        if (pinRejected != null) {
            throw pinRejected;
        }
        if (connection != null && connection.generation() != TokenSlots.generation()) {
            retire(); // the module was re-initialised or logged out: this connection's handles are invalid
        }
        if (connection == null) {
            try {
                connection = connect();
            } catch (SigningUnavailableException e) {
                String code = Pkcs11Errors.returnCode(e);
                if (code != null && PIN_FAILURES.contains(code)) {
                    // Retrying a rejected PIN on every request would lock a real HSM: stop until restarted.
                    pinRejected = e;
                }
                throw e;
            }
        }
        return connection;
    }

    private synchronized void drop(Connection failed) {
        if (connection == failed) {
            retire();
        }
    }

    private void retire() {
        RETIRED.add(connection);
        connection = null;
    }

    private Connection connect() throws SigningUnavailableException {
        long slot = TokenSlots.slotOf(config.library(), config.label());
        long generation = TokenSlots.generation();
        Provider provider;
        try {
            provider = Security.getProvider("SunPKCS11").configure(providerConfig(slot));
        } catch (RuntimeException e) {
            throw new SigningUnavailableException("cannot open token '" + config.label() + "' ("
                    + Pkcs11Errors.describe(e) + ")", e);
        }
        try {
            KeyStore keyStore = KeyStore.getInstance("PKCS11", provider);
            keyStore.load(null, config.pin().reveal().toCharArray());
            return new Connection(provider, keyStore, new ConcurrentHashMap<>(), generation);
        } catch (Exception e) {
            throw new SigningUnavailableException("cannot log in to token '" + config.label() + "' ("
                    + Pkcs11Errors.describe(e) + ")", e);
        }
    }

    /**
     * Inline SunPKCS11 configuration. Generated private keys are sensitive and never extractable from the start
     * (PKCS#11 forbids turning either back); {@code KeyStore.setKeyEntry} then copies them into token objects.
     */
    private String providerConfig(long slot) {
        return "--name = sealgate-" + config.label().replaceAll("[^A-Za-z0-9]", "_") + "\n"
                + "library = \"" + config.library() + "\"\n"
                + "slot = " + slot + "\n"
                + "attributes(generate, CKO_PRIVATE_KEY, *) = {\n"
                + "  CKA_SENSITIVE = true\n"
                + "  CKA_EXTRACTABLE = false\n"
                + "}\n";
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (connection != null) {
            try {
                if (connection.provider() instanceof AuthProvider auth) {
                    auth.logout();
                }
            } catch (LoginException | RuntimeException e) {
                // The token may already be gone; the session ends with the process anyway.
            } finally {
                TokenSlots.loggedOut();
            }
            retire();
        }
    }
}
