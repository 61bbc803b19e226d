package io.sealgate.proxy.auth;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.jwt.proc.JWTClaimsSetVerifier;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks a signed JWT with Nimbus JOSE+JWT: the header's algorithm must be one of the configured asymmetric ones
 * (so {@code none} and an HMAC "signed" with the public key never verify), the signature must verify with a key of
 * the issuer's JWK set of the algorithm's own type (RSA, EC on the algorithm's curve, or Ed25519 for EdDSA), and
 * iss, aud, exp, nbf and iat must hold within the clock skew. Claim failures are reported in our own words, not
 * Nimbus's.
 */
public final class JwtVerifier {

    private static final int JWKS_TIMEOUT_MILLIS = 2_000;
    private static final int JWKS_MAX_BYTES = 512 * 1024;
    /** At most one JWKS fetch per this interval, however many unknown kids arrive. */
    private static final long JWKS_MIN_REFETCH_MILLIS = 30_000;

    private final String issuer;
    private final Set<String> audience;
    private final List<String> algorithms;
    private final Duration skew;
    private final Clock clock;
    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();

    /** Thrown for a token that does not verify; the message is a sentence for the client. */
    public static final class InvalidTokenException extends Exception {
        public InvalidTokenException(String message) {
            super(message);
        }
    }

    public JwtVerifier(String issuer, List<String> audience, List<String> algorithms, JWKSource<SecurityContext> keys,
                       Duration skew, Clock clock) {
        this.issuer = issuer;
        this.audience = Set.copyOf(audience);
        this.algorithms = List.copyOf(algorithms);
        this.skew = skew;
        this.clock = clock;
        Set<JWSAlgorithm> allowed = new LinkedHashSet<>();
        algorithms.forEach(a -> allowed.add(JWSAlgorithm.parse(a)));
        processor.setJWSKeySelector(Ed25519Keys.selector(allowed, keys,
                new JWSVerificationKeySelector<>(allowed, keys)));
        processor.setJWSVerifierFactory(Ed25519Keys.verifierFactory());
        // Access tokens are typed "JWT" or "at+jwt" (RFC 9068); ID tokens usually carry no typ.
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT,
                new JOSEObjectType("at+jwt"), null));
        processor.setJWTClaimsSetVerifier(new ClaimsCheck());
    }

    /** Keys from a JWKS URL: cached, refetched when a token names an unknown kid, at most once per 30 seconds. */
    public static JWKSource<SecurityContext> remoteKeys(URI jwksUrl) {
        try {
            return JWKSourceBuilder.<SecurityContext>create(jwksUrl.toURL(),
                            new DefaultResourceRetriever(JWKS_TIMEOUT_MILLIS, JWKS_TIMEOUT_MILLIS, JWKS_MAX_BYTES))
                    .cache(JWKSourceBuilder.DEFAULT_CACHE_TIME_TO_LIVE, JWKSourceBuilder.DEFAULT_CACHE_REFRESH_TIMEOUT)
                    .rateLimited(JWKS_MIN_REFETCH_MILLIS)
                    .retrying(false)
                    .build();
        } catch (java.net.MalformedURLException e) {
            throw new IllegalArgumentException("jwks-url: " + jwksUrl + " (expected: an http:// or https:// URL)", e);
        }
    }

    /**
     * Fetches {@code keys} once on a background thread, so the first request after start does not wait for the JWKS
     * on its event loop. A failure is only logged: the next token tries again.
     */
    public static void prefetch(JWKSource<SecurityContext> keys) {
        java.util.concurrent.CompletableFuture.runAsync(() -> {
            try {
                keys.get(new com.nimbusds.jose.jwk.JWKSelector(new com.nimbusds.jose.jwk.JWKMatcher.Builder().build()),
                        null);
            } catch (KeySourceException e) {
                org.slf4j.LoggerFactory.getLogger(JwtVerifier.class).warn("cannot fetch the JWKS yet: {}",
                        e.getMessage());
            }
        });
    }

    /** Keys from a local JWK set file, read once. */
    public static JWKSource<SecurityContext> fileKeys(Path file) throws IOException {
        try {
            return new ImmutableJWKSet<>(JWKSet.load(file.toFile()));
        } catch (ParseException e) {
            throw new IOException("jwks-file: " + file + ": not a JWK set (" + e.getMessage() + ")", e);
        }
    }

    /** The verified claims of {@code token}. */
    public JWTClaimsSet verify(String token) throws InvalidTokenException {
        JWT jwt;
        try {
            jwt = JWTParser.parse(token);
        } catch (ParseException e) {
            throw new InvalidTokenException("not a JWT");
        }
        if (!(jwt instanceof SignedJWT signed)) {
            throw new InvalidTokenException("algorithm " + jwt.getHeader().getAlgorithm().getName() + " (expected: "
                    + String.join(", ", algorithms) + ")");
        }
        JWSHeader header = signed.getHeader();
        if (!algorithms.contains(header.getAlgorithm().getName())) {
            throw new InvalidTokenException("algorithm " + header.getAlgorithm().getName() + " (expected: "
                    + String.join(", ", algorithms) + ")");
        }
        try {
            return processor.process(signed, null);
        } catch (BadJWTException e) {
            throw new InvalidTokenException(e.getMessage());
        } catch (BadJOSEException e) {
            String kid = header.getKeyID() == null ? "no kid" : "kid '" + header.getKeyID() + "'";
            if (e.getMessage() != null && e.getMessage().contains("no matching key")) {
                throw new InvalidTokenException("no key of the issuer matches its " + kid);
            }
            if (e.getMessage() != null && e.getMessage().contains("type")) {
                throw new InvalidTokenException("type " + header.getType() + " (expected: JWT or at+jwt)");
            }
            throw new InvalidTokenException("signature does not verify with the issuer's key (" + kid + ")");
        } catch (com.nimbusds.jose.jwk.source.RateLimitReachedException e) {
            // The kid matched no key of the set fetched less than 30 s ago, so no refetch was allowed.
            String kid = header.getKeyID() == null ? "no kid" : "kid '" + header.getKeyID() + "'";
            throw new InvalidTokenException("no key of the issuer matches its " + kid);
        } catch (KeySourceException e) {
            throw new InvalidTokenException("the issuer's keys cannot be fetched (" + e.getMessage() + ")");
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new InvalidTokenException("signature cannot be checked (" + e.getMessage() + ")");
        }
    }

    /** iss, aud, exp, nbf, iat: each failure in a sentence of our own. */
    private final class ClaimsCheck implements JWTClaimsSetVerifier<SecurityContext> {
        @Override
        public void verify(JWTClaimsSet claims, SecurityContext context) throws BadJWTException {
            Instant now = clock.instant();
            if (!issuer.equals(claims.getIssuer())) {
                throw new BadJWTException("issuer " + claims.getIssuer() + " (expected: " + issuer + ")");
            }
            List<String> aud = claims.getAudience();
            if (aud == null || aud.stream().noneMatch(audience::contains)) {
                throw new BadJWTException("audience " + aud + " (expected: one of " + audience.stream().sorted()
                        .toList() + ")");
            }
            Date exp = claims.getExpirationTime();
            if (exp == null) {
                throw new BadJWTException("no exp claim (expected: an expiry)");
            }
            if (exp.toInstant().plus(skew).isBefore(now)) {
                throw new BadJWTException("expired at " + exp.toInstant());
            }
            Date nbf = claims.getNotBeforeTime();
            if (nbf != null && nbf.toInstant().minus(skew).isAfter(now)) {
                throw new BadJWTException("not valid before " + nbf.toInstant());
            }
            Date iat = claims.getIssueTime();
            if (iat != null && iat.toInstant().minus(skew).isAfter(now)) {
                throw new BadJWTException("issued in the future, at " + iat.toInstant());
            }
        }
    }
}
