package io.sealgate.signing.pades;

import static org.assertj.core.api.Assertions.assertThat;


import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Streaming discipline: a 500 MiB PDF is signed at B-LTA (three revisions, three passes over the file) in a forked
 * JVM limited to 256 MiB of heap, which fails with OutOfMemoryError if anything holds the document in memory.
 */
@Tag("large")
class LargeDocumentTest {

    private static final long EMBEDDED_BYTES = 500L * 1024 * 1024;

    @TempDir
    Path dir;

    @Test
    void a500MibPdfSignsAtBaselineLtaWithA256MibHeap() throws Exception {
        Path in = dir.resolve("large.pdf");
        writeLargePdf(in, EMBEDDED_BYTES);
        Path out = dir.resolve("large-signed.pdf");

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx256m", "-XX:+ExitOnOutOfMemoryError",
                "-cp", System.getProperty("java.class.path"), LargeDocumentSigning.class.getName(),
                in.toString(), out.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("fork.log").toFile()).start();
        assertThat(p.waitFor(10, TimeUnit.MINUTES)).as("forked signer finished").isTrue();
        String log = Files.readString(dir.resolve("fork.log"));
        System.out.println(log); // "signed in N ms, heap max M MiB", kept in the surefire output file
        assertThat(p.exitValue()).as(log).isZero();
        assertThat(log).contains("signed in");

        assertThat(Files.size(out)).isGreaterThan(Files.size(in));
        assertThat(PdfTools.pdfsigSummary(out)).containsExactly(
                "ETSI.CAdES.detached: Signature is Valid., partial",
                "unknown: Signature has not yet been verified., Total document signed");
        assertThat(PdfTools.qpdfCheck(out)).doesNotContain("WARNING").endsWith("[exit 0]");
    }

    /**
     * One hand-written page plus an embedded file of {@code payload} random
     * bytes, written as a stream so the test itself needs no memory for it.
     */
    static void writeLargePdf(Path file, long payload) throws IOException {
        List<Long> offsets = new ArrayList<>();
        try (CountingOutput out = new CountingOutput(Files.newOutputStream(file))) {
            out.ascii("%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n");
            String content = "BT /F1 24 Tf 72 760 Td (Large document with a 500 MiB attachment) Tj ET";
            String[] objects = {
                "<< /Type /Catalog /Pages 2 0 R /Names << /EmbeddedFiles << /Names [(payload.bin) 5 0 R] >> >> >>",
                "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
                        + "/Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >> >>",
                "<< /Length " + content.length() + " >>\nstream\n" + content + "\nendstream",
                "<< /Type /Filespec /F (payload.bin) /UF (payload.bin) /EF << /F 6 0 R >> >>",
            };
            for (int i = 0; i < objects.length; i++) {
                offsets.add(out.count);
                out.ascii((i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n");
            }
            offsets.add(out.count);
            out.ascii("6 0 obj\n<< /Type /EmbeddedFile /Length " + payload + " >>\nstream\n");
            byte[] block = new byte[1024 * 1024];
            new Random(17).nextBytes(block);
            for (long written = 0; written < payload; written += block.length) {
                out.write(block, 0, (int) Math.min(block.length, payload - written));
            }
            out.ascii("\nendstream\nendobj\n");
            long xref = out.count;
            StringBuilder table = new StringBuilder("xref\n0 7\n0000000000 65535 f \n");
            for (long offset : offsets) {
                table.append(String.format("%010d 00000 n \n", offset));
            }
            table.append("trailer\n<< /Size 7 /Root 1 0 R >>\nstartxref\n").append(xref).append("\n%%EOF\n");
            out.ascii(table.toString());
        }
    }

    /** Counts bytes so the xref can record offsets. */
    private static final class CountingOutput extends BufferedOutputStream {
        long count;

        CountingOutput(OutputStream out) {
            super(out, 1024 * 1024);
        }

        void ascii(String s) throws IOException {
            write(s.getBytes(StandardCharsets.ISO_8859_1));
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws IOException {
            super.write(b, off, len);
            count += len;
        }

        @Override
        public synchronized void write(int b) throws IOException {
            super.write(b);
            count++;
        }
    }
}
