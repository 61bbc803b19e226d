package io.sealgate.signing.pades;

import io.sealgate.signing.SigningException;
import io.sealgate.signing.TimestampSource;

import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.SignatureOptions;

import java.io.IOException;
import java.nio.file.Path;

/** Appends a PAdES document timestamp ({@code /DocTimeStamp}, {@code /ETSI.RFC3161}) over the whole file: B-LTA. */
final class DocumentTimestamper {

    private static final COSName ETSI_RFC3161 = COSName.getPDFName("ETSI.RFC3161");
    private static final int TOKEN_RESERVE_BYTES = 20 * 1024;

    private DocumentTimestamper() {
    }

    static void append(Path in, Path out, String name, TimestampSource tsa) throws IOException, SigningException {
        try (PDDocument doc = PdfDocuments.openForUpdate(in, name);
             SignatureOptions options = new SignatureOptions()) {
            PDSignature sig = new PDSignature();
            sig.setType(COSName.DOC_TIME_STAMP);
            sig.setFilter(PDSignature.FILTER_ADOBE_PPKLITE);
            sig.setSubFilter(ETSI_RFC3161);
            options.setPreferredSignatureSize(TOKEN_RESERVE_BYTES);
            SignedRevisionWriter.write(doc, sig, options, out, tsa::timestamp);
        }
    }
}
