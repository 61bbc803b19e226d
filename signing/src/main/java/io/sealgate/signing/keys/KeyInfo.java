package io.sealgate.signing.keys;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

/**
 * What {@link KeyVault#list()} reports about one key.
 *
 * @param label     the key's label (a user id or the organisation seal's label)
 * @param algorithm e.g. {@code EC-P256}
 * @param subject   the certificate's subject DN (RFC 2253)
 * @param issuer    the certificate's issuer DN; equal to the subject while {@link KeyStatus#PENDING}
 * @param notBefore start of the certificate's validity
 * @param notAfter  end of the certificate's validity
 * @param status    whether the key may sign
 * @param chain     the stored certificate chain, signer first
 */
public record KeyInfo(String label, String algorithm, String subject, String issuer, Instant notBefore,
                      Instant notAfter, KeyStatus status, List<X509Certificate> chain) {
    public KeyInfo {
        chain = List.copyOf(chain);
    }

    /** The key's own certificate (the first of the chain). */
    public X509Certificate certificate() {
        return chain.get(0);
    }
}
