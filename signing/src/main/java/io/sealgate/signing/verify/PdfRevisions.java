package io.sealgate.signing.verify;

import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdfparser.PDFParser;
import org.apache.pdfbox.pdmodel.PDDocument;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A PDF held in memory and cut into its revisions: revision {@code i} is the file up to and including its
 * {@code i}-th {@code %%EOF} marker and one end-of-line. Each revision can be opened on its own (a view of the
 * prefix, no copy), which is what lets the verifier compare what a signature covered with what came after.
 */
final class PdfRevisions implements Closeable {

    private static final byte[] EOF = {'%', '%', 'E', 'O', 'F'};

    private final byte[] data;
    /** Offset just past each %%EOF marker. */
    private final List<Integer> markerEnds = new ArrayList<>();
    /** Offset just past each marker's end-of-line: the end of each revision. */
    private final List<Integer> ends = new ArrayList<>();
    private final Map<Integer, PDDocument> open = new HashMap<>();

    PdfRevisions(byte[] data) {
        this.data = data;
        for (int i = 0; i + EOF.length <= data.length; i++) {
            if (data[i] == '%' && matchesAt(i)) {
                int end = i + EOF.length;
                markerEnds.add(end);
                if (end < data.length && data[end] == '\r') {
                    end++;
                }
                if (end < data.length && data[end] == '\n') {
                    end++;
                }
                ends.add(end);
                i = end - 1;
            }
        }
    }

    private boolean matchesAt(int i) {
        for (int j = 0; j < EOF.length; j++) {
            if (data[i + j] != EOF[j]) {
                return false;
            }
        }
        return true;
    }

    byte[] data() {
        return data;
    }

    int count() {
        return ends.size();
    }

    int end(int revision) {
        return ends.get(revision);
    }

    /** The revision a byte range covering {@code [0, end)} covers whole, or -1 when {@code end} is no revision end. */
    int revisionEndingAt(long end) {
        for (int i = 0; i < ends.size(); i++) {
            if (end >= markerEnds.get(i) && end <= ends.get(i)) {
                return i;
            }
        }
        return -1;
    }

    /** Bytes after the last revision that are not white space; 0 for a well-formed file. */
    int trailingBytes() {
        int from = ends.isEmpty() ? 0 : ends.get(ends.size() - 1);
        int count = 0;
        for (int i = from; i < data.length; i++) {
            byte b = data[i];
            if (b != ' ' && b != '\r' && b != '\n' && b != '\t' && b != 0 && b != '\f') {
                count++;
            }
        }
        return count;
    }

    /** The document as of {@code revision} (the last revision: the whole file), parsed once and kept open. */
    PDDocument open(int revision) throws IOException {
        PDDocument doc = open.get(revision);
        if (doc == null) {
            int length = revision == ends.size() - 1 ? data.length : ends.get(revision);
            doc = new PDFParser(new RandomAccessReadBuffer(ByteBuffer.wrap(data, 0, length))).parse(true);
            open.put(revision, doc);
        }
        return doc;
    }

    @Override
    public void close() {
        for (PDDocument doc : open.values()) {
            try {
                doc.close();
            } catch (IOException ignored) {
                // in-memory: nothing to release but buffers
            }
        }
        open.clear();
    }
}
