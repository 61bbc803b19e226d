package io.sealgate.signing.verify;

import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSNumber;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSObjectKey;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.cos.COSString;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * Structural equality of PDF objects across two parses: indirect references compare by object number, not by
 * what they point to (the target is compared where it is defined), streams by dictionary and raw bytes.
 */
final class CosCompare {

    private CosCompare() {
    }

    static boolean same(COSBase a, COSBase b) {
        if (a == b) {
            return true;
        }
        if (a == null || b == null) {
            return false;
        }
        if (a instanceof COSObject x && b instanceof COSObject y) {
            return x.getObjectNumber() == y.getObjectNumber() && x.getGenerationNumber() == y.getGenerationNumber();
        }
        if (a instanceof COSObject || b instanceof COSObject) {
            return false;
        }
        if (a instanceof COSStream x && b instanceof COSStream y) {
            return sameEntries(x, y) && sameBytes(x, y);
        }
        if (a instanceof COSDictionary x && b instanceof COSDictionary y) {
            return !(a instanceof COSStream) && !(b instanceof COSStream) && sameEntries(x, y);
        }
        if (a instanceof COSArray x && b instanceof COSArray y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!same(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof COSString x && b instanceof COSString y) {
            return Arrays.equals(x.getBytes(), y.getBytes());
        }
        if (a instanceof COSNumber x && b instanceof COSNumber y) {
            return x.floatValue() == y.floatValue();
        }
        return a.equals(b);
    }

    /** The keys whose values differ (present in one only, or different), ignoring {@code ignored}. */
    static Set<COSName> differingKeys(COSDictionary a, COSDictionary b) {
        Set<COSName> keys = new HashSet<>(a.keySet());
        keys.addAll(b.keySet());
        keys.removeIf(k -> same(a.getItem(k), b.getItem(k)));
        return keys;
    }

    static COSObjectKey key(COSBase base) {
        if (base instanceof COSObject o) {
            return new COSObjectKey(o.getObjectNumber(), o.getGenerationNumber());
        }
        return base == null ? null : base.getKey();
    }

    private static boolean sameEntries(COSDictionary x, COSDictionary y) {
        Set<COSName> keys = differingKeys(x, y);
        keys.remove(COSName.LENGTH); // an indirect /Length may move; the bytes are compared anyway
        return keys.isEmpty();
    }

    private static boolean sameBytes(COSStream x, COSStream y) {
        try (InputStream a = x.createRawInputStream(); InputStream b = y.createRawInputStream()) {
            return Arrays.equals(a.readAllBytes(), b.readAllBytes());
        } catch (IOException e) {
            return false;
        }
    }
}
