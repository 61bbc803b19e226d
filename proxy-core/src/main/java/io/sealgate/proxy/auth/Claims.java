package io.sealgate.proxy.auth;

import com.nimbusds.jwt.JWTClaimsSet;
import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Reads the user, roles and authentication facts (auth_time, acr, amr, jti) out of verified JWT claims. */
final class Claims {

    private Claims() {
    }

    /** The login the claims describe; empty when the user claim is missing or blank. */
    static Optional<Login> login(JWTClaimsSet claims, String userClaim, Optional<String> rolesClaim, String source,
                                 boolean authorizationConsumed) {
        Object user = claims.getClaim(userClaim);
        if (!(user instanceof String id) || id.isBlank()) {
            return Optional.empty();
        }
        Set<String> roles = rolesClaim.map(c -> strings(claims.getClaim(c))).map(LinkedHashSet::new)
                .map(s -> (Set<String>) s).orElse(Set.of());
        Optional<Instant> authTime = Optional.empty();
        try {
            java.util.Date date = claims.getDateClaim("auth_time");
            authTime = Optional.ofNullable(date).map(java.util.Date::toInstant);
        } catch (ParseException e) {
            // A malformed auth_time counts as none: step-up then refuses, which is the safe side.
        }
        Object acr = claims.getClaim("acr");
        Optional<String> tokenId = Optional.ofNullable(claims.getJWTID()).map(Login::sha256Hex);
        return Optional.of(new Login(id.strip(), roles, source, authTime,
                acr instanceof String s ? Optional.of(s) : Optional.empty(), strings(claims.getClaim("amr")),
                tokenId, authorizationConsumed));
    }

    /** A claim as a list of strings: a JSON array of strings, or a single string; anything else is empty. */
    static List<String> strings(Object claim) {
        List<String> out = new ArrayList<>();
        if (claim instanceof String s) {
            out.add(s);
        } else if (claim instanceof Collection<?> c) {
            c.stream().filter(String.class::isInstance).map(String.class::cast).forEach(out::add);
        }
        return out;
    }
}
