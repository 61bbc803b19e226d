package io.sealgate.signing.verify;

import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSNumber;
import org.apache.pdfbox.cos.COSString;

import java.util.Arrays;
import java.util.List;

/**
 * Checks a PDF signature's {@code /ByteRange} against the file, the defence against universal signature forgery and
 * signature wrapping (pdf-insecurity.org): four non-negative integers {@code [0 a b c]} where the range starts at
 * 0, the gap {@code [a, b)} is exactly the hex string that is the dictionary's {@code /Contents} (preceded by the
 * {@code /Contents} key), the ranges neither overlap nor leave out anything else, and the second range ends at the
 * end of a revision, so no bytes are hidden inside it.
 */
final class ByteRangeCheck {

    /** @param revision the revision covered, -1 when the range is broken; @param contents the CMS bytes, or null */
    record Result(CheckResult check, int revision, long[] range, byte[] contents) {
        boolean ok() {
            return check.outcome() == CheckResult.Outcome.PASSED;
        }
    }

    private ByteRangeCheck() {
    }

    static Result check(COSDictionary signature, PdfRevisions revisions) {
        byte[] data = revisions.data();
        COSBase rawContents = signature.getDictionaryObject(COSName.CONTENTS);
        if (!(rawContents instanceof COSString contents) || contents.getBytes().length == 0) {
            return fail(rawContents == null ? "the signature has no /Contents"
                    : "the signature's /Contents is not a non-empty string");
        }
        COSBase rawRange = signature.getDictionaryObject(COSName.BYTERANGE);
        if (!(rawRange instanceof COSArray array)) {
            return fail(rawRange == null ? "the signature has no /ByteRange" : "the signature's /ByteRange is not "
                    + "an array");
        }
        if (array.size() != 4) {
            return fail("the signature's /ByteRange has " + array.size() + " numbers (expected: 4)");
        }
        long[] r = new long[4];
        for (int i = 0; i < 4; i++) {
            if (!(array.getObject(i) instanceof COSNumber n) || n.longValue() < 0
                    || n.floatValue() != n.longValue()) {
                return fail("the signature's /ByteRange " + describe(array) + " is not four non-negative integers");
            }
            r[i] = n.longValue();
        }
        String br = "/ByteRange [" + r[0] + " " + r[1] + " " + r[2] + " " + r[3] + "]";
        if (r[0] != 0) {
            return fail(br + " does not start at the beginning of the file");
        }
        if (r[2] <= r[1] + 1 || r[2] + r[3] > data.length) {
            return fail(br + " does not fit the file of " + data.length + " bytes");
        }
        int gapStart = (int) r[1];
        int gapEnd = (int) r[2];
        if (data[gapStart] != '<' || data[gapEnd - 1] != '>') {
            return fail(br + " leaves out bytes that are not a hex string");
        }
        int digits = gapEnd - 1 - (gapStart + 1);
        if (digits % 2 != 0) {
            return fail(br + " leaves out a hex string of odd length");
        }
        // validate and decode in one pass: the gap of a stacked document's signatures adds up to megabytes
        byte[] decoded = new byte[digits / 2];
        for (int i = 0, p = gapStart + 1; i < decoded.length; i++, p += 2) {
            int high = Character.digit(data[p], 16);
            int low = Character.digit(data[p + 1], 16);
            if (high < 0 || low < 0) {
                return fail(br + " leaves out bytes that are not a hex string");
            }
            decoded[i] = (byte) (high << 4 | low);
        }
        if (!Arrays.equals(decoded, contents.getBytes()) || !precededByContentsKey(data, gapStart)) {
            return fail(br + " leaves out a string that is not this signature's /Contents (signature wrapping)");
        }
        int revision = revisions.revisionEndingAt(r[2] + r[3]);
        if (revision < 0) {
            return fail(br + " ends at offset " + (r[2] + r[3]) + ", which is not the end of a revision of the "
                    + "file (" + data.length + " bytes)");
        }
        return new Result(CheckResult.passed("byte-range", br + " covers revision " + revision + " whole except "
                + "the signature value"), revision, r, decoded);
    }

    /** The token before the gap is the name {@code /Contents}: the gap is the value of that key. */
    private static boolean precededByContentsKey(byte[] data, int gapStart) {
        int i = gapStart - 1;
        while (i >= 0 && (data[i] == ' ' || data[i] == '\r' || data[i] == '\n' || data[i] == '\t')) {
            i--;
        }
        byte[] key = "/Contents".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        int from = i - key.length + 1;
        return from >= 0 && Arrays.equals(data, from, i + 1, key, 0, key.length);
    }

    private static String describe(COSArray array) {
        return array.toList().stream().map(b -> b instanceof org.apache.pdfbox.cos.COSInteger i
                ? String.valueOf(i.longValue()) : b instanceof COSNumber n ? String.valueOf(n.floatValue())
                : String.valueOf(b)).toList().toString();
    }

    private static Result fail(String message) {
        return new Result(CheckResult.failed("byte-range", message), -1, null, null);
    }

    static List<Long> asList(long[] r) {
        return List.of(r[0], r[1], r[2], r[3]);
    }
}
