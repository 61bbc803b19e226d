package io.sealgate.signing.pades;

import io.sealgate.signing.FormatSigner;
import io.sealgate.signing.SignatureLevel;
import io.sealgate.signing.SignatureRequest;
import io.sealgate.signing.SigningException;
import io.sealgate.signing.SigningKey;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;

/**
 * PAdES for PDFs, as a {@link FormatSigner} registered through {@code META-INF/services}: accepts any file whose
 * first 1024 bytes hold {@code %PDF-}, and writes the signed PDF beside it ({@code po-17.pdf} &rarr;
 * {@code po-17.signed.pdf}). Invisible signatures; callers wanting a seal stamp use {@link PadesSigner} directly.
 */
public final class PadesFormatSigner implements FormatSigner {

    private final PadesSigner signer = new PadesSigner();

    @Override
    public String format() {
        return "PAdES";
    }

    @Override
    public boolean accepts(String fileName, byte[] head) {
        return head != null && new String(head, StandardCharsets.ISO_8859_1).contains("%PDF-");
    }

    @Override
    public Path defaultOutput(Path input) {
        String name = input.getFileName().toString();
        int dot = name.toLowerCase(Locale.ROOT).endsWith(".pdf") ? name.length() - 4 : name.length();
        return input.resolveSibling(name.substring(0, dot) + ".signed.pdf");
    }

    @Override
    public void sign(Path input, Path output, SignatureRequest request, SigningKey key) throws SigningException {
        PadesParameters.Builder params = PadesParameters.builder(level(request.level())).options(request)
                .signerName(key.certificate().getSubjectX500Principal().getName());
        PadesParameters built;
        try {
            built = params.build();
        } catch (IllegalStateException e) {
            throw new SigningException("cannot sign " + input.getFileName() + ": " + e.getMessage());
        }
        signer.sign(input, output, built, key);
    }

    private static PadesLevel level(SignatureLevel level) {
        return switch (level) {
            case B_B -> PadesLevel.BASELINE_B;
            case B_T -> PadesLevel.BASELINE_T;
            case B_LT -> PadesLevel.BASELINE_LT;
            case B_LTA -> PadesLevel.BASELINE_LTA;
        };
    }
}
