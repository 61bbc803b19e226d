package io.sealgate.signing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/**
 * Signs any document with the signer for its format: the one entry point for callers that do not care whether a
 * file is a PDF (PAdES) or anything else (CAdES, detached). Format signers are tried in order; {@link #standard()}
 * puts those found by {@link ServiceLoader} first, in the order found, and the detached CAdES signer last, since it
 * accepts every file.
 *
 * <p>The PAdES signer joins by listing its {@link FormatSigner} in
 * {@code META-INF/services/io.sealgate.signing.FormatSigner}; no change here is needed.
 */
public final class DocumentSigner {

    private static final int HEAD_BYTES = 1024;

    private final List<FormatSigner> signers;

    private DocumentSigner(List<FormatSigner> signers) {
        this.signers = List.copyOf(signers);
    }

    /** Service-loaded signers, then CAdES for everything else. */
    public static DocumentSigner standard() {
        Builder builder = builder();
        for (FormatSigner s : ServiceLoader.load(FormatSigner.class, DocumentSigner.class.getClassLoader())) {
            if (!(s instanceof io.sealgate.signing.cades.CadesFormatSigner)) {
                builder.add(s);
            }
        }
        return builder.add(new io.sealgate.signing.cades.CadesFormatSigner()).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The signer that will sign {@code input}. */
    public FormatSigner signerFor(Path input) throws SigningException {
        byte[] head;
        try (InputStream in = Files.newInputStream(input)) {
            head = in.readNBytes(HEAD_BYTES);
        } catch (IOException e) {
            throw new SigningException("cannot read " + input + ": " + e.getMessage(), e);
        }
        String name = input.getFileName() == null ? "" : input.getFileName().toString();
        for (FormatSigner s : signers) {
            if (s.accepts(name, head)) {
                return s;
            }
        }
        throw new DocumentRejectedException("no signer accepts " + name + " (formats: " + formats() + ")");
    }

    /** Signs {@code input} into {@code output} with the signer for its format; returns that signer's format. */
    public String sign(Path input, Path output, SignatureRequest request, SigningKey key) throws SigningException {
        FormatSigner signer = signerFor(input);
        signer.sign(input, output, request, key);
        return signer.format();
    }

    /** The formats in the order they are tried, e.g. {@code [PAdES, CAdES]}. */
    public List<String> formats() {
        return signers.stream().map(FormatSigner::format).toList();
    }

    /** Builds a {@link DocumentSigner}. */
    public static final class Builder {
        private final List<FormatSigner> signers = new ArrayList<>();

        private Builder() {
        }

        /** Adds a signer after those added before. */
        public Builder add(FormatSigner signer) {
            signers.add(signer);
            return this;
        }

        public DocumentSigner build() {
            return new DocumentSigner(signers);
        }
    }
}
