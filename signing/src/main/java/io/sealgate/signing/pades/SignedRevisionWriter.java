package io.sealgate.signing.pades;

import io.sealgate.signing.SigningException;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.ExternalSigningSupport;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.SignatureOptions;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes one signed incremental revision: PDFBox appends the revision with a zero-filled {@code /Contents}
 * placeholder after a byte-for-byte copy of the input, then the content digest is computed from the written file and
 * the CMS (or timestamp token) is patched into the placeholder. Shared by the signature and the document timestamp.
 */
final class SignedRevisionWriter {

    /** Produces the {@code /Contents} value from the SHA-256 of the byte ranges. */
    @FunctionalInterface
    interface ContentsProducer {
        byte[] contents(byte[] byteRangeSha256) throws SigningException;
    }

    private SignedRevisionWriter() {
    }

    static void write(PDDocument doc, PDSignature sig, SignatureOptions options, Path out, ContentsProducer producer)
            throws IOException, SigningException {
        doc.addSignature(sig, options);
        try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(out), 64 * 1024)) {
            ExternalSigningSupport external = doc.saveIncrementalForExternalSigning(os);
            // An empty signature leaves the placeholder zeros; we fill it once the file is on disk.
            external.setSignature(new byte[0]);
        }
        ByteRangeFile file = new ByteRangeFile(out, sig.getByteRange());
        byte[] contents = producer.contents(file.sha256());
        if (contents.length > file.capacityBytes()) {
            throw new SigningException("the signature needs " + contents.length + " bytes but only "
                    + file.capacityBytes() + " were reserved");
        }
        file.writeContents(contents);
    }
}
