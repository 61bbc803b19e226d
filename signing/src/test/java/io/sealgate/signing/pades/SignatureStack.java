package io.sealgate.signing.pades;

import static org.assertj.core.api.Assertions.assertThat;

import io.sealgate.signing.SigningKey;
import io.sealgate.signing.testing.SoftwarePki;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Stacks signatures the way a process does (creator, approvers, organisation seal last), keeping every
 * intermediate file so tests can check that each later file begins with the exact bytes of every earlier one.
 */
final class SignatureStack {

    private final SoftwarePki pki;
    private final Path dir;
    private final List<Path> revisions = new ArrayList<>();

    SignatureStack(SoftwarePki pki, Path dir, Path original) {
        this.pki = pki;
        this.dir = dir;
        revisions.add(original);
    }

    /** Adds one signature at {@code level} by a fresh EC key named {@code signer}; returns the new file. */
    Path sign(String signer, PadesLevel level) throws Exception {
        return sign(pki.newSigningKey(signer, "EC"), level, "step-" + revisions.size());
    }

    Path sign(SigningKey key, PadesLevel level, String step) throws Exception {
        Path out = dir.resolve("rev-" + revisions.size() + ".pdf");
        PadesParameters params = PadesParameters.builder(level)
                .signerName(key.label())
                .reason("approves " + step)
                .location("Sealgate test")
                .processStepId(step)
                .requestId("req-" + revisions.size())
                .timestampSource(pki.timestampSource())
                .revocationSource(pki.crlSource())
                .build();
        new PadesSigner().sign(last(), out, params, key);
        revisions.add(out);
        return out;
    }

    Path last() {
        return revisions.get(revisions.size() - 1);
    }

    /** Every earlier file is a byte-identical prefix of every later one. */
    void assertEarlierRevisionsUnchanged() throws IOException {
        Path last = last();
        for (Path earlier : revisions.subList(0, revisions.size() - 1)) {
            assertThat(startsWith(last, earlier)).as("%s begins with the bytes of %s", last, earlier).isTrue();
        }
    }

    private static boolean startsWith(Path file, Path prefix) throws IOException {
        if (Files.size(prefix) >= Files.size(file)) {
            return false;
        }
        try (InputStream a = Files.newInputStream(file); InputStream b = Files.newInputStream(prefix)) {
            byte[] x = new byte[64 * 1024];
            byte[] y = new byte[64 * 1024];
            while (true) {
                int n = b.readNBytes(y, 0, y.length);
                if (n == 0) {
                    return true;
                }
                if (a.readNBytes(x, 0, n) != n || !Arrays.equals(x, 0, n, y, 0, n)) {
                    return false;
                }
            }
        }
    }
}
