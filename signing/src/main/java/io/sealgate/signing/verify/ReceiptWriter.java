package io.sealgate.signing.verify;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders a {@link VerificationReport} as a one-page PDF receipt: the verdict, the document's name and hash, one
 * line per signature (signer, step, time and its source, level, result), the process state, and the number of
 * changes. Long reports are cut to one page, saying how many lines were left out.
 */
public final class ReceiptWriter {

    private static final float MARGIN = 50;
    private static final float LEADING = 13;

    private ReceiptWriter() {
    }

    /** Writes the receipt to {@code out}. */
    public static void write(VerificationReport report, Path out) throws IOException {
        try (PDDocument doc = new PDDocument()) {
            PDPage page = new PDPage(PDRectangle.A4);
            doc.addPage(page);
            PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
            float width = page.getMediaBox().getWidth() - 2 * MARGIN;
            try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                float y = page.getMediaBox().getHeight() - MARGIN;
                y = write(cs, bold, 16, "Sealgate verification receipt", y);
                y = write(cs, bold, 13, report.verdict().name(), y - 6);
                List<String> lines = new ArrayList<>();
                lines.addAll(wrap(regular, 10, report.summary(), width));
                lines.add("");
                lines.add("Document: " + report.document() + " (" + report.format() + ", " + report.size()
                        + " bytes)");
                lines.add("SHA-256: " + report.sha256());
                lines.add("Verified at: " + report.verifiedAt());
                lines.add("");
                for (SignatureReport s : report.signatures()) {
                    String head = VerdictRules.label(s) + ": " + s.status()
                            + (s.level() == BaselineLevel.NONE ? "" : ", level B-" + s.level());
                    lines.addAll(wrap(regular, 10, head, width));
                    String detail = "    " + (s.processStep() == null ? "" : "step " + s.processStep() + ", ")
                            + (s.signingTime() == null ? "no time" : s.signingTime() + " ("
                            + ReportText.describe(s.timeSource()) + ")");
                    lines.addAll(wrap(regular, 10, detail, width));
                    if (s.status() != SignatureStatus.VALID && s.reason() != null) {
                        lines.addAll(wrap(regular, 10, "    " + s.reason(), width));
                    }
                }
                lines.add("");
                ProcessReport p = report.process();
                lines.addAll(wrap(regular, 10, p == null ? "Process: none" : "Process: " + p.summary(), width));
                long notAllowed = report.modifications().stream().filter(c -> !c.allowed()).count();
                lines.add("Changes after signing: " + report.modifications().size() + " (" + notAllowed
                        + " not allowed)");
                int room = (int) ((y - MARGIN) / LEADING);
                if (lines.size() > room) {
                    int left = lines.size() - room + 1;
                    lines = new ArrayList<>(lines.subList(0, room - 1));
                    lines.add("... " + left + " more lines: run sealgate verify for the full report");
                }
                y -= 4;
                for (String line : lines) {
                    y = write(cs, regular, 10, line, y);
                }
            }
            doc.save(out.toFile());
        }
    }

    private static float write(PDPageContentStream cs, PDType1Font font, float size, String text, float y)
            throws IOException {
        cs.beginText();
        cs.setFont(font, size);
        cs.newLineAtOffset(MARGIN, y);
        cs.showText(printable(text));
        cs.endText();
        return y - Math.max(LEADING, size + 4);
    }

    /** The standard 14 fonts encode WinAnsi only: anything else becomes '?'. */
    private static String printable(String text) {
        StringBuilder b = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            b.append(c >= 0x20 && c < 0x7f || c >= 0xa0 && c <= 0xff ? c : '?');
        }
        return b.toString();
    }

    /** Splits {@code text} into lines that fit {@code width}, keeping its indent and indenting continuations. */
    private static List<String> wrap(PDType1Font font, float size, String text, float width) throws IOException {
        String printable = printable(text);
        String body = printable.stripLeading();
        String indent = printable.substring(0, printable.length() - body.length());
        List<String> out = new ArrayList<>();
        StringBuilder line = new StringBuilder(indent);
        boolean empty = true;
        for (String word : body.split(" ")) {
            String candidate = empty ? line + word : line + " " + word;
            if (!empty && font.getStringWidth(candidate) / 1000 * size > width) {
                out.add(line.toString());
                line = new StringBuilder(indent + "    " + word);
            } else {
                line = new StringBuilder(candidate);
            }
            empty = false;
        }
        out.add(line.toString());
        return out;
    }
}
