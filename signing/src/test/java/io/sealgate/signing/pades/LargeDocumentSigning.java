package io.sealgate.signing.pades;

import io.sealgate.signing.testing.SoftwarePki;

import java.nio.file.Path;

/** Main class for {@link LargeDocumentTest}'s forked, heap-limited JVM: signs args[0] into args[1] at B-LTA. */
public final class LargeDocumentSigning {

    private LargeDocumentSigning() {
    }

    public static void main(String[] args) throws Exception {
        SoftwarePki pki = new SoftwarePki("Sealgate Test", "Sealgate Test");
        long start = System.nanoTime();
        new PadesSigner().sign(Path.of(args[0]), Path.of(args[1]),
                PadesParameters.builder(PadesLevel.BASELINE_LTA)
                        .timestampSource(pki.timestampSource())
                        .revocationSource(pki.crlSource())
                        .build(),
                pki.newSigningKey("alice", "EC"));
        Runtime rt = Runtime.getRuntime();
        System.out.printf("signed in %d ms, heap max %d MiB%n", (System.nanoTime() - start) / 1_000_000,
                rt.maxMemory() / (1024 * 1024));
    }
}
