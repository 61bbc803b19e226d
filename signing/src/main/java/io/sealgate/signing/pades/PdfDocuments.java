package io.sealgate.signing.pades;

import io.sealgate.signing.DocumentRejectedException;

import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.io.RandomAccessRead;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;
import org.apache.pdfbox.pdfparser.PDFParser;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Opens a PDF for an incremental update, or refuses it with a sentence. The file is parsed from disk through a
 * {@link RandomAccessReadBufferedFile} (PDFBox reads objects on demand, so a large document is never held in
 * memory), and strictly: PDFBox's lenient mode would silently rebuild a broken cross-reference table by scanning,
 * and an incremental update on top of a rebuilt table would point into the wrong bytes.
 */
final class PdfDocuments {

    private static final int HEADER_SEARCH_BYTES = 1024;

    private PdfDocuments() {
    }

    /**
     * @param name the document's name for messages
     * @throws DocumentRejectedException when it is not a PDF, cannot be parsed, is encrypted, or is certified with
     *         DocMDP P=1
     */
    static PDDocument openForUpdate(Path file, String name) throws DocumentRejectedException, IOException {
        checkHeader(file, name);
        RandomAccessRead source = new RandomAccessReadBufferedFile(file.toFile());
        PDDocument doc;
        try {
            doc = new PDFParser(source).parse(false);
        } catch (InvalidPasswordException e) {
            source.close();
            throw encrypted(name);
        } catch (IOException | RuntimeException e) {
            source.close();
            throw new DocumentRejectedException("cannot sign " + name + ": it cannot be parsed as a PDF, its "
                    + "cross-reference table or an object is broken (" + e.getMessage() + ")", e);
        }
        try {
            if (doc.isEncrypted()) {
                throw encrypted(name);
            }
            if (forbidsChanges(doc)) {
                throw new DocumentRejectedException("cannot sign " + name + ": it carries a certification signature "
                        + "(DocMDP P=1) that forbids any change to the document");
            }
            return doc;
        } catch (DocumentRejectedException | RuntimeException e) {
            doc.close();
            throw e;
        }
    }

    private static void checkHeader(Path file, String name) throws IOException, DocumentRejectedException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(HEADER_SEARCH_BYTES);
        }
        // ISO 32000 allows bytes before the header; Acrobat accepts it within the first 1024 bytes.
        if (!new String(head, StandardCharsets.ISO_8859_1).contains("%PDF-")) {
            throw new DocumentRejectedException("cannot sign " + name + ": it is not a PDF (no %PDF- header in its "
                    + "first " + HEADER_SEARCH_BYTES + " bytes)");
        }
    }

    private static DocumentRejectedException encrypted(String name) {
        return new DocumentRejectedException("cannot sign " + name + ": it is encrypted, and Sealgate signs only "
                + "unencrypted PDFs");
    }

    /** True when the catalog's /Perms /DocMDP or any signature's DocMDP reference says P=1. */
    private static boolean forbidsChanges(PDDocument doc) throws IOException {
        COSDictionary perms = doc.getDocumentCatalog().getCOSObject().getCOSDictionary(COSName.PERMS);
        if (perms != null && docMdpP(perms.getCOSDictionary(COSName.DOCMDP)) == 1) {
            return true;
        }
        for (PDSignature sig : doc.getSignatureDictionaries()) {
            if (docMdpP(sig.getCOSObject()) == 1) {
                return true;
            }
        }
        return false;
    }

    /** The DocMDP permission of a signature dictionary, 0 when it has none; P defaults to 2 (ISO 32000-1 12.8.2.2). */
    private static int docMdpP(COSDictionary sig) {
        if (sig == null) {
            return 0;
        }
        COSArray references = sig.getCOSArray(COSName.REFERENCE);
        if (references == null) {
            return 0;
        }
        for (int i = 0; i < references.size(); i++) {
            COSBase ref = references.getObject(i);
            if (ref instanceof COSDictionary r && COSName.DOCMDP.equals(r.getCOSName(COSName.TRANSFORM_METHOD))) {
                COSDictionary params = r.getCOSDictionary(COSName.TRANSFORM_PARAMS);
                return params == null ? 2 : params.getInt(COSName.P, 2);
            }
        }
        return 0;
    }
}
