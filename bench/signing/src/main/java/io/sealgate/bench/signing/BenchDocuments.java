package io.sealgate.bench.signing;

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
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;

/** The benchmark's input PDFs: one page of text plus an embedded file of random bytes up to the wanted size. */
final class BenchDocuments {

    private BenchDocuments() {
    }

    /** Writes {@code <dir>/<name>.pdf} of about {@code bytes} bytes, unless it exists. */
    static Path ensure(Path dir, String name, int bytes) throws IOException {
        Path file = dir.resolve(name + ".pdf");
        if (Files.exists(file)) {
            return file;
        }
        Files.createDirectories(dir);
        try (PDDocument doc = new PDDocument()) {
            PDPage page = new PDPage(PDRectangle.A4);
            doc.addPage(page);
            try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                cs.beginText();
                cs.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 14);
                cs.newLineAtOffset(72, 760);
                cs.showText("Benchmark document " + name);
                cs.endText();
            }
            byte[] payload = new byte[Math.max(0, bytes - 2048)];
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
            Path tmp = Files.createTempFile(dir, name, ".part");
            doc.save(tmp.toFile());
            Files.move(tmp, file);
        }
        return file;
    }
}
