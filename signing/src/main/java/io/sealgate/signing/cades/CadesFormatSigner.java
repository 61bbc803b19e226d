package io.sealgate.signing.cades;

import io.sealgate.signing.FormatSigner;
import io.sealgate.signing.SignatureLevel;
import io.sealgate.signing.SignatureRequest;
import io.sealgate.signing.SigningException;
import io.sealgate.signing.SigningKey;

import java.nio.file.Path;

/** Detached CAdES for any file, as a {@link FormatSigner}: accepts everything, writes {@code <file>.p7s}. */
public final class CadesFormatSigner implements FormatSigner {

    private final CadesSigner signer = new CadesSigner();

    @Override
    public String format() {
        return "CAdES";
    }

    @Override
    public boolean accepts(String fileName, byte[] head) {
        return true;
    }

    @Override
    public Path defaultOutput(Path input) {
        return input.resolveSibling(input.getFileName() + ".p7s");
    }

    @Override
    public void sign(Path input, Path output, SignatureRequest request, SigningKey key) throws SigningException {
        CadesParameters.Builder params = CadesParameters.builder(level(request.level())).options(request);
        CadesParameters built;
        try {
            built = params.build();
        } catch (IllegalStateException e) {
            throw new SigningException("cannot sign " + input.getFileName() + ": " + e.getMessage());
        }
        signer.sign(input, output, built, key);
    }

    private static CadesLevel level(SignatureLevel level) throws SigningException {
        return switch (level) {
            case B_B -> CadesLevel.BASELINE_B;
            case B_T -> CadesLevel.BASELINE_T;
            case B_LT -> CadesLevel.BASELINE_LT;
            case B_LTA -> throw new SigningException("signature level: B-LTA is offered for PDF only "
                    + "(expected for other files: B-B, B-T, B-LT)");
        };
    }
}
