package io.sealgate.proxy.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.crypto.Ed25519Verifier;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.JWSVerifierFactory;
import com.nimbusds.jose.proc.SecurityContext;
import java.security.Key;
import java.security.PublicKey;
import java.util.List;
import java.util.Set;

/**
 * EdDSA for {@link JwtVerifier}. Nimbus's key selectors answer {@link java.security.Key}s, which an Ed25519 JWK
 * (kty OKP) cannot become, and its default verifier factory knows no EdDSA; so an {@code EdDSA} header selects the
 * issuer's Ed25519 keys (kty OKP, crv Ed25519, matching kid) wrapped in {@link Ed25519PublicKey}, and only that
 * wrapper under only {@code EdDSA} builds Nimbus's {@link Ed25519Verifier} (Tink inside). Every other algorithm goes
 * to Nimbus's own selector and factory unchanged, so an RSA or EC key never checks an EdDSA signature, nor an
 * Ed25519 key an RS256 or ES256 one.
 */
final class Ed25519Keys {

    private Ed25519Keys() {
    }

    /** An issuer's Ed25519 public key, carried through Nimbus's {@code Key}-typed selection. */
    record Ed25519PublicKey(OctetKeyPair jwk) implements PublicKey {
        @Override
        public String getAlgorithm() {
            return "Ed25519";
        }

        @Override
        public String getFormat() {
            return null;
        }

        @Override
        public byte[] getEncoded() {
            return null;
        }
    }

    /** Selects Ed25519 keys for an {@code EdDSA} header (if allowed), delegating every other header. */
    static JWSKeySelector<SecurityContext> selector(Set<JWSAlgorithm> allowed, JWKSource<SecurityContext> keys,
                                                    JWSKeySelector<SecurityContext> others) {
        return (header, context) -> {
            if (!JWSAlgorithm.EdDSA.equals(header.getAlgorithm())) {
                return others.selectJWSKeys(header, context);
            }
            if (!allowed.contains(JWSAlgorithm.EdDSA)) {
                return List.of();
            }
            // forJWSHeader matches kty OKP, the kid, use sig and crv Ed25519 or Ed448; Ed448 is filtered out below.
            return selectPublic(keys, JWKMatcher.forJWSHeader(header), context);
        };
    }

    private static List<Ed25519PublicKey> selectPublic(JWKSource<SecurityContext> keys, JWKMatcher matcher,
                                                       SecurityContext context) throws KeySourceException {
        return keys.get(new JWKSelector(matcher), context).stream()
                .filter(jwk -> jwk instanceof OctetKeyPair okp && Curve.Ed25519.equals(okp.getCurve()))
                .map(jwk -> new Ed25519PublicKey(((OctetKeyPair) jwk).toPublicJWK()))
                .toList();
    }

    /** Nimbus's default factory, plus {@link Ed25519Verifier} for an {@link Ed25519PublicKey} under EdDSA. */
    static JWSVerifierFactory verifierFactory() {
        DefaultJWSVerifierFactory nimbus = new DefaultJWSVerifierFactory();
        return new JWSVerifierFactory() {
            @Override
            public JWSVerifier createJWSVerifier(JWSHeader header, Key key) throws JOSEException {
                boolean eddsa = JWSAlgorithm.EdDSA.equals(header.getAlgorithm());
                // The selector never pairs these crosswise; refusing here keeps it so if the selector changes.
                if (key instanceof Ed25519PublicKey ed) {
                    if (!eddsa) {
                        throw new JOSEException("an Ed25519 key for a " + header.getAlgorithm() + " header");
                    }
                    return new Ed25519Verifier(ed.jwk());
                }
                if (eddsa) {
                    throw new JOSEException("a " + key.getAlgorithm() + " key for an EdDSA header");
                }
                return nimbus.createJWSVerifier(header, key);
            }

            @Override
            public Set<JWSAlgorithm> supportedJWSAlgorithms() {
                Set<JWSAlgorithm> all = new java.util.LinkedHashSet<>(nimbus.supportedJWSAlgorithms());
                all.add(JWSAlgorithm.EdDSA);
                return all;
            }

            @Override
            public JCAContext getJCAContext() {
                return nimbus.getJCAContext();
            }
        };
    }
}
