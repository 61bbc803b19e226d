package io.sealgate.signing.verify;

import java.util.List;
import java.util.Objects;

/**
 * Who signed, as the signing certificate says it.
 *
 * @param subject           the certificate's subject, RFC 2253 form
 * @param userId            the user id (subject UID, else CN); null when the certificate names neither
 * @param organisation      the organisation (subject organizationIdentifier, else O); null when absent
 * @param roles             the roles (subject OU values), sorted
 * @param organisationSeal  whether the certificate is an organisation's e-seal (a legal person's certificate)
 * @param issuer            the issuer's subject, RFC 2253 form
 * @param serialNumber      the serial number, lower-case hex
 * @param notBefore         the start of the certificate's validity, ISO-8601 UTC
 * @param notAfter          the end of the certificate's validity, ISO-8601 UTC
 * @param sha256            the SHA-256 of the certificate's DER, lower-case hex
 */
public record SignerReport(String subject, String userId, String organisation, List<String> roles,
                           boolean organisationSeal, String issuer, String serialNumber, String notBefore,
                           String notAfter, String sha256) {

    public SignerReport {
        Objects.requireNonNull(subject, "subject");
        roles = List.copyOf(roles);
    }

    /** {@code alice (acme)}, {@code the organisation seal of acme}, or the subject when neither is known. */
    public String describe() {
        if (organisationSeal && organisation != null) {
            return "the organisation seal of " + organisation;
        }
        if (userId != null && organisation != null) {
            return userId + " (" + organisation + ")";
        }
        return subject;
    }
}
