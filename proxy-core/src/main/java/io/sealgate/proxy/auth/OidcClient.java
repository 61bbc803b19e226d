package io.sealgate.proxy.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jwt.JWTClaimsSet;
import io.sealgate.config.AuthenticationConfig.OidcLogin;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Sealgate as an OIDC client of one IdP: the endpoints (configured, or from the issuer's discovery document, fetched
 * once and again only after a failure), the authorization URL, and the code exchange whose ID token is verified with
 * Nimbus against the IdP's JWK set. Every call is asynchronous over the JDK HTTP client.
 */
final class OidcClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final int MAX_RESPONSE_CHARS = 256 * 1024;

    private final OidcLogin config;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final AtomicReference<CompletableFuture<Provider>> provider = new AtomicReference<>();

    /** The IdP's endpoints and the verifier for its ID tokens. */
    record Provider(URI authorization, URI token, JwtVerifier idTokens) {}

    OidcClient(OidcLogin config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    CompletableFuture<String> authorizationUrl(String state, String nonce, String challenge, String extra) {
        return provider().thenApply(p -> p.authorization() + (p.authorization().getRawQuery() == null ? "?" : "&")
                + "response_type=code&client_id=" + form(config.clientId()) + "&redirect_uri="
                + form(config.redirectUri().toString()) + "&scope=" + form(String.join(" ", config.scopes()))
                + "&state=" + form(state) + "&nonce=" + form(nonce) + "&code_challenge=" + challenge
                + "&code_challenge_method=S256" + extra);
    }

    /** Exchanges {@code code}; completes with the ID token's verified claims. */
    CompletableFuture<JWTClaimsSet> exchange(String code, String verifier) {
        return provider().thenCompose(p -> {
            String body = "grant_type=authorization_code&code=" + form(code) + "&redirect_uri="
                    + form(config.redirectUri().toString()) + "&code_verifier=" + form(verifier);
            String basic = Base64.getEncoder().encodeToString((form(config.clientId()) + ":"
                    + form(config.clientSecret().reveal())).getBytes(StandardCharsets.UTF_8));
            HttpRequest request = HttpRequest.newBuilder(p.token()).timeout(TIMEOUT)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Accept", "application/json")
                    .header("Authorization", "Basic " + basic)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(response -> {
                JsonNode json = json(response, "token endpoint " + p.token());
                JsonNode idToken = json.get("id_token");
                if (idToken == null || !idToken.isTextual()) {
                    throw new CompletionException(new IOException("token endpoint " + p.token()
                            + " answered no id_token"));
                }
                try {
                    return p.idTokens().verify(idToken.asText());
                } catch (JwtVerifier.InvalidTokenException e) {
                    throw new CompletionException(e);
                }
            });
        });
    }

    private CompletableFuture<Provider> provider() {
        CompletableFuture<Provider> current = provider.get();
        if (current != null && !current.isCompletedExceptionally()) {
            return current;
        }
        CompletableFuture<Provider> fresh = discover();
        provider.set(fresh);
        return fresh;
    }

    private CompletableFuture<Provider> discover() {
        if (config.authorizationEndpoint().isPresent() && config.tokenEndpoint().isPresent()
                && config.jwksUrl().isPresent()) {
            return CompletableFuture.completedFuture(provider(config.authorizationEndpoint().get(),
                    config.tokenEndpoint().get(), config.jwksUrl().get()));
        }
        URI discovery = URI.create(config.issuer().replaceAll("/+$", "") + "/.well-known/openid-configuration");
        HttpRequest request = HttpRequest.newBuilder(discovery).timeout(TIMEOUT).header("Accept", "application/json")
                .GET().build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(response -> {
            JsonNode doc = json(response, "discovery document " + discovery);
            if (!config.issuer().equals(doc.path("issuer").asText())) {
                throw new CompletionException(new IOException("discovery document " + discovery + " names issuer "
                        + doc.path("issuer").asText() + " (expected: " + config.issuer() + ")"));
            }
            return provider(config.authorizationEndpoint().orElseGet(() -> uri(doc, "authorization_endpoint")),
                    config.tokenEndpoint().orElseGet(() -> uri(doc, "token_endpoint")),
                    config.jwksUrl().orElseGet(() -> uri(doc, "jwks_uri")));
        });
    }

    private Provider provider(URI authorization, URI token, URI jwks) {
        return new Provider(authorization, token, new JwtVerifier(config.issuer(), List.of(config.clientId()),
                config.algorithms(), JwtVerifier.remoteKeys(jwks), Duration.ofSeconds(60), clock));
    }

    private static JsonNode json(HttpResponse<String> response, String what) {
        if (response.statusCode() != 200) {
            throw new CompletionException(new IOException(what + " answered HTTP " + response.statusCode()));
        }
        if (response.body().length() > MAX_RESPONSE_CHARS) {
            throw new CompletionException(new IOException(what + " answered more than " + MAX_RESPONSE_CHARS
                    + " characters"));
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new CompletionException(new IOException(what + " answered no JSON"));
        }
    }

    private static URI uri(JsonNode doc, String field) {
        String value = doc.path(field).asText("");
        if (!value.startsWith("https://") && !value.startsWith("http://")) {
            throw new CompletionException(new IOException("discovery document has no " + field));
        }
        return URI.create(value);
    }

    /** The PKCE S256 challenge of {@code verifier} (RFC 7636 section 4.2). */
    static String challenge(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    static String form(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
