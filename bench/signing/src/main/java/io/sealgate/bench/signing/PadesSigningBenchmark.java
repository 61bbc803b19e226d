package io.sealgate.bench.signing;

import io.sealgate.signing.SigningKey;
import io.sealgate.signing.keys.KeyVault;
import io.sealgate.signing.pades.PadesLevel;
import io.sealgate.signing.pades.PadesParameters;
import io.sealgate.signing.pades.PadesSigner;

import eu.europa.esig.dss.enumerations.DigestAlgorithm;
import eu.europa.esig.dss.enumerations.SignatureLevel;
import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.model.FileDocument;
import eu.europa.esig.dss.model.SignatureValue;
import eu.europa.esig.dss.model.ToBeSigned;
import eu.europa.esig.dss.pades.PAdESSignatureParameters;
import eu.europa.esig.dss.pades.signature.PAdESService;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import eu.europa.esig.dss.token.DSSPrivateKeyEntry;
import eu.europa.esig.dss.token.KSPrivateKeyEntry;
import eu.europa.esig.dss.token.Pkcs11SignatureToken;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * One PAdES B-B signature per operation over the same PDF with the same P-256 key in SoftHSM: Sealgate's
 * {@link PadesSigner}, EU DSS's {@code PAdESService} with {@code Pkcs11SignatureToken}, and the floor (read the file,
 * SHA-256 it, write it out with 8 KiB appended), which no incremental signer can beat.
 */
public class PadesSigningBenchmark {

    /** The input document, shared by all threads. */
    @State(Scope.Benchmark)
    public static class Input {
        @Param({"100KiB", "10MiB"})
        public String size;

        Path file;

        @Setup(Level.Trial)
        public void create() throws IOException {
            int bytes = "100KiB".equals(size) ? 100 * 1024 : 10 * 1024 * 1024;
            file = BenchDocuments.ensure(Path.of(System.getProperty("bench.dir", "/tmp/sealgate-bench-signing")),
                    size, bytes);
        }
    }

    /** Each thread writes its own output file. */
    @State(Scope.Thread)
    public static class Output {
        Path file;

        @Setup(Level.Trial)
        public void create() throws IOException {
            file = Files.createTempFile("bench-out-", ".pdf");
        }

        @TearDown(Level.Trial)
        public void delete() throws IOException {
            Files.deleteIfExists(file);
        }
    }

    @State(Scope.Benchmark)
    public static class Sealgate {
        KeyVault vault;
        SigningKey key;
        final PadesSigner signer = new PadesSigner();
        final PadesParameters params = PadesParameters.builder(PadesLevel.BASELINE_B).build();

        @Setup(Level.Trial)
        public void open() throws Exception {
            vault = BenchToken.open();
            key = BenchToken.key(vault);
        }

        @TearDown(Level.Trial)
        public void close() {
            vault.close();
        }
    }

    @State(Scope.Benchmark)
    public static class Dss {
        Pkcs11SignatureToken token;
        DSSPrivateKeyEntry entry;
        PAdESService service;

        @Setup(Level.Trial)
        public void open() {
            // slot id -1 and slot list index 0: the only token SOFTHSM2_CONF shows to this JVM
            token = new Pkcs11SignatureToken(BenchToken.LIBRARY.toString(),
                    () -> BenchToken.PIN.toCharArray(), -1, 0, null);
            entry = token.getKeys().stream()
                    .filter(k -> k instanceof KSPrivateKeyEntry ks && BenchToken.KEY.equals(ks.getAlias()))
                    .findFirst().orElseThrow(() -> new IllegalStateException("no key 'bench' in the token"));
            service = new PAdESService(new CommonCertificateVerifier());
        }

        @TearDown(Level.Trial)
        public void close() {
            token.close();
        }

        PAdESSignatureParameters parameters() {
            PAdESSignatureParameters p = new PAdESSignatureParameters();
            p.setSignatureLevel(SignatureLevel.PAdES_BASELINE_B);
            p.setDigestAlgorithm(DigestAlgorithm.SHA256);
            p.setSigningCertificate(entry.getCertificate());
            p.setCertificateChain(Arrays.asList(entry.getCertificateChain()));
            return p;
        }
    }

    @Benchmark
    public Path sealgate(Input in, Output out, Sealgate s) throws Exception {
        s.signer.sign(in.file, out.file, s.params, s.key);
        return out.file;
    }

    @Benchmark
    public Path dss(Input in, Output out, Dss s) throws Exception {
        PAdESSignatureParameters params = s.parameters();
        DSSDocument document = new FileDocument(in.file.toFile());
        ToBeSigned toBeSigned = s.service.getDataToSign(document, params);
        SignatureValue value = s.token.sign(toBeSigned, params.getDigestAlgorithm(), s.entry);
        s.service.signDocument(document, params, value).save(out.file.toString());
        return out.file;
    }

    @Benchmark
    public byte[] floor(Input in, Output out) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        byte[] buffer = new byte[64 * 1024];
        try (InputStream is = Files.newInputStream(in.file); OutputStream os = Files.newOutputStream(out.file)) {
            int n;
            while ((n = is.read(buffer)) > 0) {
                md.update(buffer, 0, n);
                os.write(buffer, 0, n);
            }
            os.write(new byte[8 * 1024]);
        }
        return md.digest();
    }
}
