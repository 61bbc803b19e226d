package io.sealgate.proxy.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals a {@link Session} (or the login's own short-lived state) into a cookie value and opens it again: AES-256-GCM with a random 96-bit nonce, the cookie
 * name as associated data, base64url without padding. The key is HMAC-SHA256 of a fixed label under the configured
 * cookie secret, so the secret itself is never used as a cipher key and another use of it would get another key.
 * Anything that does not authenticate (tampered, truncated, sealed under another secret) opens to empty.
 */
final class SessionCodec {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final byte[] associatedData;
    private final SecureRandom random = new SecureRandom();

    /** The content of a session cookie. Times are epoch seconds. */
    record Session(String sid, String user, List<String> roles, long issuedAt, long expiresAt, Long authTime,
                   String acr, List<String> amr) {
        Optional<Instant> authTimeInstant() {
            return Optional.ofNullable(authTime).map(Instant::ofEpochSecond);
        }
    }

    SessionCodec(byte[] cookieSecret, String cookieName) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(cookieSecret, "HmacSHA256"));
            this.key = new SecretKeySpec(mac.doFinal("sealgate session cookie v1".getBytes(StandardCharsets.UTF_8)),
                    "AES");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has HmacSHA256", e);
        }
        this.associatedData = cookieName.getBytes(StandardCharsets.UTF_8);
    }

    String seal(Object session) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData);
            byte[] sealed = cipher.doFinal(JSON.writeValueAsBytes(session));
            byte[] out = new byte[NONCE_BYTES + sealed.length];
            System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
            System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(out);
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("cannot seal a session cookie: " + e.getMessage(), e);
        }
    }

    Optional<Session> open(String value) {
        return open(value, Session.class);
    }

    <T> Optional<T> open(String value, Class<T> type) {
        try {
            byte[] in = Base64.getUrlDecoder().decode(value);
            if (in.length <= NONCE_BYTES + TAG_BITS / 8) {
                return Optional.empty();
            }
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
            cipher.updateAAD(associatedData);
            byte[] plain = cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES);
            return Optional.of(JSON.readValue(plain, type));
        } catch (IllegalArgumentException | GeneralSecurityException | java.io.IOException e) {
            return Optional.empty();
        }
    }
}
