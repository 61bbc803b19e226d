package io.sealgate.signing;

import java.util.Map;

/**
 * Unsigned attributes to add to a signer info once its signature value exists, before the CMS is written: the hook
 * that lets a caller put facts into a signature that only exist after the token signed, such as the signature log
 * index ({@link SealgateAttributes#LOG_ENTRY_INDEX}). Unsigned attributes are outside the signature value, so adding
 * them does not invalidate it (RFC 5652 5.3).
 *
 * <p>The PAdES and CAdES signers call it once per signature they make, on the signing thread, after the token signed
 * and before the signature is written anywhere; when it throws, the signer fails with that exception and writes
 * nothing.
 */
@FunctionalInterface
public interface UnsignedAttributeProvider {

    /**
     * Returns attribute OID &rarr; DER encoding of the attribute's single value, in the order to add them.
     *
     * @param signatureValue the raw signature value the token produced
     */
    Map<String, byte[]> attributes(byte[] signatureValue) throws SigningException;
}
