package io.sealgate.signing;

/** Where RFC 3161 timestamp tokens come from: the embedded TSA or a remote one. */
public interface TimestampSource {

    /**
     * Obtains a timestamp token over a SHA-256 digest.
     *
     * @param sha256Digest the message imprint
     * @return the DER-encoded {@code TimeStampToken} (a CMS {@code ContentInfo})
     * @throws SigningException when the TSA cannot be reached or its reply fails the checks (status, imprint, nonce,
     *         timeStamping EKU); a {@link SigningUnavailableException} when it is down
     */
    byte[] timestamp(byte[] sha256Digest) throws SigningException;
}
