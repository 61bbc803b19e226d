package io.sealgate.bench.verify;

import eu.europa.esig.dss.enumerations.Indication;
import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.model.x509.revocation.crl.CRL;
import eu.europa.esig.dss.simplereport.SimpleReport;
import eu.europa.esig.dss.spi.DSSUtils;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import eu.europa.esig.dss.spi.x509.CommonTrustedCertificateSource;
import eu.europa.esig.dss.spi.x509.revocation.RevocationToken;
import eu.europa.esig.dss.spi.x509.revocation.crl.CRLSource;
import eu.europa.esig.dss.spi.x509.revocation.crl.CRLToken;
import eu.europa.esig.dss.spi.x509.revocation.crl.ExternalResourcesCRLSource;
import eu.europa.esig.dss.validation.SignedDocumentValidator;
import io.sealgate.signing.pades.PadesLevel;
import io.sealgate.signing.pades.PadesParameters;
import io.sealgate.signing.pades.PadesSigner;
import io.sealgate.signing.verify.SignatureKind;
import io.sealgate.signing.verify.SignatureReport;
import io.sealgate.signing.verify.SignatureStatus;
import io.sealgate.signing.verify.VerificationReport;
import io.sealgate.signing.verify.Verifier;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Documents per second verifying PDFs with 1, 5 and 20 stacked PAdES B-T signatures: Sealgate's {@link Verifier}
 * against EU DSS's {@link SignedDocumentValidator}, on the same bytes, with the same trust anchor and CRLs, both
 * offline, one thread, measured in CPU time (of the verifying thread, and of the whole JVM). Checks that both give the same verdict per signature (VALID ⇔ TOTAL_PASSED) and prints a
 * Markdown table for docs/benchmarks.md.
 *
 * <p>Arguments: {@code [warmupSeconds measureSeconds rounds]} (default 3 3 3); the median round is reported.
 */
public final class VerifyBenchmarkMain {

    private VerifyBenchmarkMain() {
    }

    public static void main(String[] args) throws Exception {
        double warmup = args.length > 0 ? Double.parseDouble(args[0]) : 3;
        double measure = args.length > 1 ? Double.parseDouble(args[1]) : 3;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        Path dir = Files.createTempDirectory("sealgate-bench-verify");
        BenchPki pki = new BenchPki();
        Verifier sealgate = Verifier.builder().trustAnchors(List.of(pki.root)).revocationSource(pki.crls()).build();

        System.out.println("| signatures | file size | Sealgate docs per CPU-s (thread / JVM) "
                + "| EU DSS docs per CPU-s (thread / JVM) | Sealgate/DSS (thread / JVM) | same verdicts |");
        System.out.println("|---:|---:|---:|---:|---:|---|");
        int[] counts = Arrays.stream(System.getProperty("bench.counts", "1,5,20").split(","))
                .mapToInt(Integer::parseInt).toArray();
        for (int count : counts) {
            byte[] pdf = stacked(pki, dir, count);
            VerificationReport ours = sealgate.verifyPdf("bench.pdf", pdf);
            List<String> dss = dssIndications(pdf, pki);
            List<String> oursPerSignature = ours.signatures().stream()
                    .filter(s -> s.kind() == SignatureKind.SIGNATURE)
                    .map(s -> s.status() == SignatureStatus.VALID ? "TOTAL_PASSED" : s.status().name()).toList();
            boolean same = oursPerSignature.equals(dss);
            if (!same || oursPerSignature.size() != count) {
                System.err.println(count + " signatures: Sealgate " + oursPerSignature + " (" + ours.summary()
                        + "), DSS " + dss);
            }
            Rate ourRate = rate(() -> sealgate.verifyPdf("bench.pdf", pdf), warmup, measure, rounds);
            // -Dbench.sealgateOnly=true skips DSS's timing, for profiling the verifier alone
            Rate dssRate = Boolean.getBoolean("bench.sealgateOnly") ? new Rate(Double.NaN, Double.NaN)
                    : rate(() -> dssIndications(pdf, pki), warmup, measure, rounds);
            System.out.printf(Locale.ROOT, "| %d | %d KiB | %.1f / %.1f | %.2f / %.2f | %.1fx / %.1fx | %s |%n", count,
                    pdf.length / 1024, ourRate.thread(), ourRate.process(), dssRate.thread(), dssRate.process(),
                    ourRate.thread() / dssRate.thread(), ourRate.process() / dssRate.process(),
                    same ? "yes (" + count + " × " + dss.get(0) + ")" : "NO");
        }
    }

    /** A one-page PDF with {@code count} B-T signatures by different signers, each an incremental update. */
    private static byte[] stacked(BenchPki pki, Path dir, int count) throws Exception {
        Path current = dir.resolve("original.pdf");
        try (PDDocument doc = new PDDocument()) {
            PDPage page = new PDPage(PDRectangle.A4);
            doc.addPage(page);
            try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                cs.beginText();
                cs.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
                cs.newLineAtOffset(72, 720);
                cs.showText("Benchmark document");
                cs.endText();
            }
            doc.save(current.toFile());
        }
        PadesSigner signer = new PadesSigner();
        for (int i = 0; i < count; i++) {
            Path next = dir.resolve("signed-" + count + "-" + i + ".pdf");
            signer.sign(current, next, PadesParameters.builder(PadesLevel.BASELINE_T).processStepId("step-" + i)
                    .timestampSource(pki.timestamps()).build(), pki.signer("user" + i));
            current = next;
        }
        return Files.readAllBytes(current);
    }

    private static List<String> dssIndications(byte[] pdf, BenchPki pki) {
        SignedDocumentValidator validator = SignedDocumentValidator.fromDocument(new InMemoryDocument(pdf));
        CommonCertificateVerifier verifier = new CommonCertificateVerifier();
        CommonTrustedCertificateSource trusted = new CommonTrustedCertificateSource();
        try {
            trusted.addCertificate(DSSUtils.loadCertificate(pki.root.getEncoded()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        verifier.setTrustedCertSources(trusted);
        verifier.setAIASource(null);
        verifier.setOcspSource(null);
        ExternalResourcesCRLSource external = new ExternalResourcesCRLSource(
                new ByteArrayInputStream(pki.rootCrl), new ByteArrayInputStream(pki.caCrl));
        verifier.setCrlSource((CRLSource) (cert, issuer) -> {
            List<RevocationToken<CRL>> tokens = external.getRevocationTokens(cert, issuer);
            return tokens.isEmpty() ? null : (CRLToken) tokens.get(0);
        });
        validator.setCertificateVerifier(verifier);
        SimpleReport report = validator.validateDocument().getSimpleReport();
        List<String> out = new ArrayList<>();
        for (String id : report.getSignatureIdList()) {
            Indication indication = report.getIndication(id);
            out.add(indication.name());
        }
        return out;
    }

    /** Documents per CPU-second: of the verifying thread, and of the whole JVM (GC and JIT threads too). */
    record Rate(double thread, double process) {
    }

    /**
     * Median rates over {@code rounds} rounds of at least {@code seconds} of wall time (and 3 documents). CPU time,
     * not wall time: the benchmark shares two cores with other builds. The thread's CPU time is what verifying costs
     * on the calling thread; the process's adds the garbage collector's work and any helper threads.
     */
    private static Rate rate(Supplier<?> verify, double warmupSeconds, double seconds, int rounds) {
        run(verify, warmupSeconds);
        Rate[] rates = new Rate[rounds];
        for (int i = 0; i < rounds; i++) {
            rates[i] = run(verify, seconds);
        }
        double[] thread = Arrays.stream(rates).mapToDouble(Rate::thread).sorted().toArray();
        double[] process = Arrays.stream(rates).mapToDouble(Rate::process).sorted().toArray();
        return new Rate(thread[rounds / 2], process[rounds / 2]);
    }

    private static Rate run(Supplier<?> verify, double seconds) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long threadStart = threads.getCurrentThreadCpuTime();
        long processStart = os.getProcessCpuTime();
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        int n = 0;
        Object sink = null;
        while (n < 3 || System.nanoTime() < deadline) {
            sink = verify.get();
            n++;
        }
        if (sink == null) {
            throw new IllegalStateException("no result");
        }
        return new Rate(n / ((threads.getCurrentThreadCpuTime() - threadStart) / 1e9),
                n / ((os.getProcessCpuTime() - processStart) / 1e9));
    }
}
