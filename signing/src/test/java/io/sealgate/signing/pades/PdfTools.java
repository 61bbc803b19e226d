package io.sealgate.signing.pades;

import io.sealgate.signing.testing.ExternalTool;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs poppler's {@code pdfsig} and {@code qpdf}, tools nobody on the team wrote, and reads PDF revisions. */
final class PdfTools {

    private PdfTools() {
    }

    /** The output of {@code pdfsig FILE}: stdout, then stderr. */
    static String pdfsig(Path pdf) {
        return ExternalTool.runStdoutThenStderr("pdfsig", pdf.toString());
    }

    /** The output of {@code qpdf --check FILE}: stdout, then stderr (where its warnings go). */
    static String qpdfCheck(Path pdf) {
        return ExternalTool.runStdoutThenStderr("qpdf", "--check", pdf.toString());
    }

    /**
     * One line per signature, e.g. {@code "ETSI.CAdES.detached: Signature is Valid., Total document signed"}, with
     * {@code "partial"} in place of the coverage when the signature does not cover the whole file.
     */
    static List<String> pdfsigSummary(Path pdf) {
        List<String> result = new ArrayList<>();
        String type = null;
        String validation = null;
        String coverage = null;
        for (String line : (pdfsig(pdf) + "\nSignature #end").split("\n")) {
            String value = line.contains(":") ? line.substring(line.indexOf(':') + 1).trim() : "";
            if (line.startsWith("Signature #")) {
                if (type != null) {
                    result.add(type + ": " + validation + ", " + coverage);
                }
                type = "?";
                validation = "?";
                coverage = "partial"; // pdfsig prints nothing when the ranges do not cover the whole file
            } else if (line.contains("- Signature Type:")) {
                type = value;
            } else if (line.contains("- Signature Validation:")) {
                validation = value;
            } else if (line.contains("Total document signed")) {
                coverage = "Total document signed";
            }
        }
        return result;
    }

    /** Offsets just past each {@code %%EOF} marker (and its end-of-line), i.e. the end of each revision. */
    static List<Long> revisionEnds(Path pdf) throws IOException {
        byte[] data = Files.readAllBytes(pdf);
        byte[] marker = "%%EOF".getBytes(StandardCharsets.US_ASCII);
        List<Long> ends = new ArrayList<>();
        outer:
        for (int i = 0; i + marker.length <= data.length; i++) {
            for (int j = 0; j < marker.length; j++) {
                if (data[i + j] != marker[j]) {
                    continue outer;
                }
            }
            int end = i + marker.length;
            while (end < data.length && (data[end] == '\r' || data[end] == '\n')) {
                end++;
            }
            ends.add((long) end);
        }
        return ends;
    }
}
