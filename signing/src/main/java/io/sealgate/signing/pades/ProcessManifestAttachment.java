package io.sealgate.signing.pades;

import io.sealgate.signing.SigningException;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentCatalog;
import org.apache.pdfbox.pdmodel.PDDocumentNameDictionary;
import org.apache.pdfbox.pdmodel.PDEmbeddedFilesNameTreeNode;
import org.apache.pdfbox.pdmodel.common.filespecification.PDComplexFileSpecification;
import org.apache.pdfbox.pdmodel.common.filespecification.PDEmbeddedFile;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Puts the process manifest into the PDF as an embedded file named {@value #FILE_NAME}, in the same revision as the
 * creator's signature, so that signature covers it (DESIGN.md, "Process assurance"). Viewers list it among the
 * attachments; the verifier reads it from the catalog's {@code /Names /EmbeddedFiles} tree.
 */
final class ProcessManifestAttachment {

    /** The embedded file's name; one per document. */
    static final String FILE_NAME = "sealgate-process.json";

    private ProcessManifestAttachment() {
    }

    static void attach(PDDocument doc, String json) throws IOException, SigningException {
        PDDocumentCatalog catalog = doc.getDocumentCatalog();
        PDDocumentNameDictionary names = catalog.getNames();
        if (names == null) {
            names = new PDDocumentNameDictionary(catalog);
            catalog.setNames(names);
        }
        PDEmbeddedFilesNameTreeNode tree = names.getEmbeddedFiles();
        if (tree == null) {
            tree = new PDEmbeddedFilesNameTreeNode();
            names.setEmbeddedFiles(tree);
        }
        if (tree.getKids() != null && !tree.getKids().isEmpty()) {
            // rewriting a multi-level name tree in an incremental update is possible but not needed by any producer
            // we have met; refuse rather than risk a broken tree
            throw new SigningException("its embedded-files name tree has several levels, "
                    + "and the process manifest can only be added to a flat one");
        }
        Map<String, PDComplexFileSpecification> entries = new HashMap<>();
        if (tree.getNames() != null) {
            entries.putAll(tree.getNames());
        }
        if (entries.containsKey(FILE_NAME)) {
            throw new SigningException("it already carries a process manifest ("
                    + FILE_NAME + "); only the creator's signature adds one");
        }
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        PDEmbeddedFile file = new PDEmbeddedFile(doc, new ByteArrayInputStream(bytes));
        file.setSubtype("application/json");
        file.setSize(bytes.length);
        PDComplexFileSpecification spec = new PDComplexFileSpecification();
        spec.setFile(FILE_NAME);
        spec.setFileUnicode(FILE_NAME);
        spec.setFileDescription("Sealgate process manifest");
        spec.setEmbeddedFile(file);
        entries.put(FILE_NAME, spec);
        tree.setNames(entries);

        // incremental save writes only objects marked as changed
        catalog.getCOSObject().setNeedToBeUpdated(true);
        names.getCOSObject().setNeedToBeUpdated(true);
        tree.getCOSObject().setNeedToBeUpdated(true);
    }
}
