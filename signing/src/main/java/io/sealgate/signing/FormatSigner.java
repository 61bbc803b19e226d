package io.sealgate.signing;

import java.nio.file.Path;

/**
 * Signs one kind of document for {@link DocumentSigner}. Implementations register through
 * {@link java.util.ServiceLoader} ({@code META-INF/services/io.sealgate.signing.FormatSigner}) or
 * {@link DocumentSigner.Builder#add}; the first that {@link #accepts} a file signs it.
 */
public interface FormatSigner {

    /** A short name for messages and logs: {@code "PAdES"}, {@code "CAdES"}. */
    String format();

    /**
     * Whether this signer handles the document, judged by its first bytes (up to 1024) and its file name.
     * Must not throw.
     */
    boolean accepts(String fileName, byte[] head);

    /**
     * Where the signature goes by default: the signed PDF itself for PAdES ({@code po-17.pdf} &rarr;
     * {@code po-17.signed.pdf}), a detached {@code .p7s} beside the file for CAdES.
     */
    Path defaultOutput(Path input);

    /**
     * Signs {@code input} into {@code output}.
     *
     * @throws SigningException            the key or a source failed, or the level is not offered for the format
     * @throws DocumentRejectedException   the document cannot be signed as it is
     */
    void sign(Path input, Path output, SignatureRequest request, SigningKey key) throws SigningException;
}
