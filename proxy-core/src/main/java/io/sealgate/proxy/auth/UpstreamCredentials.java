package io.sealgate.proxy.auth;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.sealgate.config.AuthenticationConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * Removes Sealgate's own credentials from a request before it goes upstream: the trusted gateway headers (always,
 * whoever sent them), Sealgate's session and login cookies (other cookies pass through untouched), and, when the
 * route says {@code forward-authorization: false} or the header carried Sealgate's own token, the
 * {@code Authorization} header. Call it on every upstream request, pass-through routes included.
 */
public final class UpstreamCredentials {

    private final List<String> headers = new ArrayList<>();
    private final List<String> cookies = new ArrayList<>();

    /** What {@code auth} makes Sealgate's own, and so never forwarded. */
    public static UpstreamCredentials of(AuthenticationConfig auth) {
        return new UpstreamCredentials(auth);
    }

    private UpstreamCredentials(AuthenticationConfig auth) {
        auth.trustedHeader().ifPresent(t -> {
            headers.add(t.header());
            t.rolesHeader().ifPresent(headers::add);
        });
        auth.oidcLogin().ifPresent(o -> {
            cookies.add(o.cookieName());
            cookies.add(LoginEndpoints.loginCookieName(o.cookieName()));
        });
    }

    /** Strips in place; {@code dropAuthorization} removes the {@code Authorization} header too. */
    public void strip(HttpHeaders request, boolean dropAuthorization) {
        headers.forEach(request::remove);
        if (dropAuthorization) {
            request.remove(HttpHeaderNames.AUTHORIZATION);
        }
        if (cookies.isEmpty() || !request.contains(HttpHeaderNames.COOKIE)) {
            return;
        }
        // Cut our pairs out of the header text; a Cookie header without them stays byte for byte as the client sent
        // it, and in one with them every other pair keeps its exact text.
        List<String> kept = new ArrayList<>();
        boolean ours = false;
        for (String header : request.getAll(HttpHeaderNames.COOKIE)) {
            List<String> pairs = new ArrayList<>();
            boolean found = false;
            for (String pair : header.split(";")) {
                String name = pair.split("=", 2)[0].strip();
                if (cookies.contains(name)) {
                    found = true;
                } else if (!pair.isBlank()) {
                    pairs.add(pair.strip());
                }
            }
            ours |= found;
            if (!found) {
                kept.add(header);
            } else if (!pairs.isEmpty()) {
                kept.add(String.join("; ", pairs));
            }
        }
        if (!ours) {
            return;
        }
        request.remove(HttpHeaderNames.COOKIE);
        kept.forEach(h -> request.add(HttpHeaderNames.COOKIE, h));
    }
}
