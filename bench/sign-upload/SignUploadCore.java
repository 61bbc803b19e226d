import io.sealgate.config.Secret;
import io.sealgate.config.TokenConfig;
import io.sealgate.policy.KeyUsageGuard;
import io.sealgate.policy.KeyUse;
import io.sealgate.signing.DocumentSigner;
import io.sealgate.signing.SignatureLevel;
import io.sealgate.signing.SignatureRequest;
import io.sealgate.signing.SigningKey;
import io.sealgate.signing.keys.KeyVault;
import io.sealgate.signing.service.SealgateToken;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentNameDictionary;
import org.apache.pdfbox.pdmodel.PDEmbeddedFilesNameTreeNode;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.common.filespecification.PDComplexFileSpecification;
import org.apache.pdfbox.pdmodel.common.filespecification.PDEmbeddedFile;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The two Java parts of bench/sign-upload.sh, run from sealgate.jar's classpath as a single-file program.
 *
 * <pre>
 * setup LIBRARY LABEL PIN OUT.pdf        token: dev CA, TSA, log and seal keys, user alice; writes a 100 KiB PDF
 * core LIBRARY LABEL PIN IN.pdf SECONDS THREADS
 *                                        the signing core alone: DocumentSigner, B-B, alice's SoftHSM key;
 *                                        prints "docs_per_s p50_ms p99_ms" after a warm-up of SECONDS / 3
 * </pre>
 */
public final class SignUploadCore {

    public static void main(String[] args) throws Exception {
        TokenConfig token = new TokenConfig(Path.of(args[1]), args[2], new Secret(args[3]));
        Path pdf = Path.of(args[4]);
        if (args[0].equals("setup")) {
            try (KeyVault vault = KeyVault.open(token, KeyUsageGuard.ALLOW_ALL)) {
                SealgateToken sealgate = SealgateToken.initialize(vault, "Bench", "seal");
                sealgate.enrolUser("alice", "alice", Set.of("requester"));
            }
            writePdf(pdf, 100 * 1024);
            return;
        }
        int seconds = Integer.parseInt(args[5]);
        int threads = Integer.parseInt(args[6]);
        try (KeyVault vault = KeyVault.open(token, KeyUsageGuard.ALLOW_ALL)) {
            SigningKey key = vault.key("alice", KeyUse.ownKey("alice", "benchmark"));
            run(pdf, key, threads, Math.max(1, seconds / 3));
            List<Long> nanos = run(pdf, key, threads, seconds);
            Collections.sort(nanos);
            System.out.printf("%.1f %.2f %.2f%n", nanos.size() / (double) seconds,
                    nanos.get(nanos.size() / 2) / 1e6, nanos.get((int) Math.min(nanos.size() - 1,
                            Math.ceil(nanos.size() * 0.99) - 1)) / 1e6);
        }
    }

    /** Signs {@code pdf} in {@code threads} threads for {@code seconds}; returns each signature's duration. */
    private static List<Long> run(Path pdf, SigningKey key, int threads, int seconds) throws Exception {
        DocumentSigner signer = DocumentSigner.standard();
        SignatureRequest request = SignatureRequest.builder(SignatureLevel.B_B).build();
        AtomicBoolean stop = new AtomicBoolean();
        List<Long> all = Collections.synchronizedList(new ArrayList<>());
        List<Thread> workers = new ArrayList<>();
        List<Exception> failures = Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < threads; i++) {
            Thread t = new Thread(() -> {
                try {
                    Path out = Files.createTempFile("sign-upload-core-", ".pdf");
                    List<Long> mine = new ArrayList<>();
                    while (!stop.get()) {
                        long start = System.nanoTime();
                        signer.sign(pdf, out, request, key);
                        mine.add(System.nanoTime() - start);
                    }
                    Files.delete(out);
                    all.addAll(mine);
                } catch (Exception e) {
                    failures.add(e);
                }
            });
            t.start();
            workers.add(t);
        }
        Thread.sleep(seconds * 1000L);
        stop.set(true);
        for (Thread t : workers) {
            t.join();
        }
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
        return all;
    }

    /** One page of text plus an embedded file of random bytes, about {@code bytes} long. */
    private static void writePdf(Path file, int bytes) throws Exception {
        try (PDDocument doc = new PDDocument()) {
            PDPage page = new PDPage(PDRectangle.A4);
            doc.addPage(page);
            try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                cs.beginText();
                cs.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 14);
                cs.newLineAtOffset(72, 760);
                cs.showText("Sign-upload benchmark document");
                cs.endText();
            }
            byte[] payload = new byte[bytes - 2048];
            new Random(7).nextBytes(payload);
            PDEmbeddedFile embedded = new PDEmbeddedFile(doc, new ByteArrayInputStream(payload));
            embedded.setSize(payload.length);
            PDComplexFileSpecification spec = new PDComplexFileSpecification();
            spec.setFile("payload.bin");
            spec.setEmbeddedFile(embedded);
            PDEmbeddedFilesNameTreeNode tree = new PDEmbeddedFilesNameTreeNode();
            tree.setNames(Map.of("payload.bin", spec));
            PDDocumentNameDictionary names = new PDDocumentNameDictionary(doc.getDocumentCatalog());
            names.setEmbeddedFiles(tree);
            doc.getDocumentCatalog().setNames(names);
            doc.save(file.toFile());
        }
    }
}
