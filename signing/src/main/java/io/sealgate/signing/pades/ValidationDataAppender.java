package io.sealgate.signing.pades;

import io.sealgate.signing.SigningException;

import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Appends (or extends) the document security store, {@code /DSS} in the catalog (ETSI EN 319 142-1 5.4), in its own
 * incremental revision: certificates, OCSP responses and CRLs as streams. Entries already present are not repeated,
 * so stacked B-LT signatures share one growing store.
 */
final class ValidationDataAppender {

    private static final COSName DSS = COSName.getPDFName("DSS");
    private static final COSName CERTS = COSName.getPDFName("Certs");
    private static final COSName OCSPS = COSName.getPDFName("OCSPs");
    private static final COSName CRLS = COSName.getPDFName("CRLs");

    private ValidationDataAppender() {
    }

    static void append(Path in, Path out, String name, List<byte[]> certs, List<byte[]> ocsps, List<byte[]> crls)
            throws IOException, SigningException {
        try (PDDocument doc = PdfDocuments.openForUpdate(in, name)) {
            COSDictionary catalog = doc.getDocumentCatalog().getCOSObject();
            COSDictionary dss = catalog.getCOSDictionary(DSS);
            if (dss == null) {
                dss = new COSDictionary();
                dss.setItem(COSName.TYPE, DSS);
                catalog.setItem(DSS, dss);
            }
            addAll(doc, dss, CERTS, certs);
            addAll(doc, dss, OCSPS, ocsps);
            addAll(doc, dss, CRLS, crls);
            catalog.setNeedToBeUpdated(true);
            dss.setNeedToBeUpdated(true);
            try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(out), 64 * 1024)) {
                doc.saveIncremental(os);
            }
        }
    }

    private static void addAll(PDDocument doc, COSDictionary dss, COSName key, List<byte[]> entries)
            throws IOException {
        if (entries.isEmpty()) {
            return;
        }
        COSArray array = dss.getCOSArray(key);
        if (array == null) {
            array = new COSArray();
            dss.setItem(key, array);
        }
        Set<ByteBuffer> present = new HashSet<>();
        for (int i = 0; i < array.size(); i++) {
            COSBase item = array.getObject(i);
            if (item instanceof COSStream s) {
                try (InputStream is = s.createInputStream()) {
                    present.add(ByteBuffer.wrap(is.readAllBytes()));
                }
            }
        }
        for (byte[] der : entries) {
            if (present.add(ByteBuffer.wrap(der))) {
                COSStream stream = doc.getDocument().createCOSStream();
                try (OutputStream os = stream.createOutputStream(COSName.FLATE_DECODE)) {
                    os.write(der);
                }
                stream.setNeedToBeUpdated(true);
                array.add(stream);
            }
        }
        array.setNeedToBeUpdated(true);
    }
}
