package io.sealgate.signing.pades;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.common.PDStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationWidget;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAppearanceDictionary;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAppearanceStream;
import org.apache.pdfbox.pdmodel.interactive.form.PDAcroForm;
import org.apache.pdfbox.pdmodel.interactive.form.PDSignatureField;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * Draws the visible seal: a red double circle with the signer's name across it (the look of a Japanese hanko), and
 * beside it role, step and date. PDFBox takes a visible signature as a one-page template document whose signature
 * widget carries the appearance; this class builds that template, a few KiB, in memory.
 */
final class SealStamp {

    private static final Color SEAL_RED = new Color(0xC8, 0x1E, 0x1E);

    private SealStamp() {
    }

    /** The template for {@code SignatureOptions.setVisualSignature}, sized like the target page. */
    static byte[] template(PDRectangle targetMediaBox, SignatureAppearance a) throws IOException {
        try (PDDocument doc = new PDDocument()) {
            PDPage page = new PDPage(targetMediaBox);
            doc.addPage(page);
            PDAcroForm acroForm = new PDAcroForm(doc);
            doc.getDocumentCatalog().setAcroForm(acroForm);
            PDSignatureField field = new PDSignatureField(acroForm);
            PDAnnotationWidget widget = field.getWidgets().get(0);
            acroForm.setSignaturesExist(true);
            acroForm.setAppendOnly(true);
            acroForm.getCOSObject().setDirect(true);
            acroForm.getFields().add(field);
            PDRectangle rect = new PDRectangle(targetMediaBox.getLowerLeftX() + a.x(),
                    targetMediaBox.getLowerLeftY() + a.y(), a.width(), a.height());
            widget.setRectangle(rect);

            PDFormXObject form = new PDFormXObject(new PDStream(doc));
            form.setResources(new PDResources());
            form.setFormType(1);
            form.setBBox(new PDRectangle(a.width(), a.height()));
            PDAppearanceDictionary appearance = new PDAppearanceDictionary();
            appearance.getCOSObject().setDirect(true);
            PDAppearanceStream stream = new PDAppearanceStream(form.getCOSObject());
            appearance.setNormalAppearance(stream);
            widget.setAppearance(appearance);
            try (PDPageContentStream cs = new PDPageContentStream(doc, stream)) {
                draw(cs, a);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out);
            return out.toByteArray();
        }
    }

    private static void draw(PDPageContentStream cs, SignatureAppearance a) throws IOException {
        PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
        PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
        float r = Math.min(a.height(), a.width() / 2) / 2 - 2;
        float cx = r + 2;
        float cy = a.height() / 2;

        cs.setStrokingColor(SEAL_RED);
        cs.setNonStrokingColor(SEAL_RED);
        cs.setLineWidth(Math.max(1f, r / 12));
        circle(cs, cx, cy, r);
        cs.stroke();
        cs.setLineWidth(Math.max(0.5f, r / 30));
        circle(cs, cx, cy, r * 0.86f);
        cs.stroke();

        String name = encodable(bold, a.name());
        float nameSize = fit(bold, name, r * 1.5f, r / 2.2f);
        text(cs, bold, nameSize, cx - bold.getStringWidth(name) / 1000 * nameSize / 2, cy - nameSize / 3, name);

        float left = 2 * r + 8;
        float room = a.width() - left - 2;
        if (room > 10) {
            cs.setNonStrokingColor(Color.DARK_GRAY);
            float size = Math.max(4f, Math.min(10f, a.height() / 5));
            float y = cy + size;
            for (String raw : new String[] {a.role(), a.step(), a.date()}) {
                String line = encodable(regular, raw);
                if (!line.isEmpty()) {
                    text(cs, regular, fit(regular, line, room, size), left, y, line);
                    y -= size * 1.3f;
                }
            }
        }
    }

    /**
     * The standard 14 fonts only cover WinAnsi; a character outside it (a Japanese name, say) becomes '?' rather
     * than failing the signature. Embedding a CJK font is a later step.
     */
    private static String encodable(PDType1Font font, String s) {
        StringBuilder sb = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> {
            String ch = new String(Character.toChars(cp));
            try {
                font.encode(ch);
                sb.append(ch);
            } catch (IOException | IllegalArgumentException e) {
                sb.append('?');
            }
        });
        return sb.toString();
    }

    /** Four Bézier arcs; kappa makes them a circle to within 0.03%. */
    private static void circle(PDPageContentStream cs, float cx, float cy, float r) throws IOException {
        float k = 0.552284749831f * r;
        cs.moveTo(cx + r, cy);
        cs.curveTo(cx + r, cy + k, cx + k, cy + r, cx, cy + r);
        cs.curveTo(cx - k, cy + r, cx - r, cy + k, cx - r, cy);
        cs.curveTo(cx - r, cy - k, cx - k, cy - r, cx, cy - r);
        cs.curveTo(cx + k, cy - r, cx + r, cy - k, cx + r, cy);
        cs.closePath();
    }

    private static float fit(PDType1Font font, String s, float maxWidth, float maxSize) throws IOException {
        float width = font.getStringWidth(s) / 1000;
        return width <= 0 ? maxSize : Math.max(3f, Math.min(maxSize, maxWidth / width));
    }

    private static void text(PDPageContentStream cs, PDType1Font font, float size, float x, float y, String s)
            throws IOException {
        cs.beginText();
        cs.setFont(font, size);
        cs.newLineAtOffset(x, y);
        cs.showText(s);
        cs.endText();
    }
}
