package io.sealgate.signing;

/**
 * Object identifiers of the CMS signed attributes Sealgate adds to a signature so that the signature itself says
 * which process step it performs and which request made it. Both values are {@code UTF8String}s.
 *
 * <p>The arc is {@code 2.25.<UUID as integer>} (ITU-T X.667), which needs no registration and cannot collide.
 */
public final class SealgateAttributes {

    /** The arc every Sealgate OID lives under. */
    public static final String ARC = "2.25.312075316691338241827004091951541332836";

    /** Signed attribute: the id of the process step the signer performs ({@code UTF8String}). */
    public static final String PROCESS_STEP_ID = ARC + ".1";

    /** Signed attribute: the id of the proxy request that produced the signature ({@code UTF8String}). */
    public static final String REQUEST_ID = ARC + ".2";

    /**
     * Signed attribute of a CAdES signature: the process manifest (JSON, {@code UTF8String}) that the creator's
     * signature covers. PDFs carry the manifest inside the document instead.
     */
    public static final String PROCESS_MANIFEST = ARC + ".3";

    /**
     * Unsigned attribute: the index of the signature's entry in the Sealgate signature log ({@code INTEGER}), so that
     * a document leads back to its log entry. Unsigned because the index is assigned after the token signed; the
     * log entry in turn holds the SHA-256 of the signature value, which binds the two.
     */
    public static final String LOG_ENTRY_INDEX = ARC + ".4";

    /**
     * Certificate extension (non-critical, {@code NULL}) marking the self-signed placeholder certificate a key
     * carries in the token between enrolment and certification. A key with it cannot sign.
     */
    public static final String ENROLMENT_PLACEHOLDER = ARC + ".10";

    /** TSA policy OID of the timestamps Sealgate's embedded TSA issues (its host clock, no accuracy claims). */
    public static final String EMBEDDED_TSA_POLICY = ARC + ".20";

    private SealgateAttributes() {
    }
}
