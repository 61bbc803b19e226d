package io.sealgate.signing.verify;

import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSDocument;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSObjectKey;
import org.apache.pdfbox.pdmodel.PDDocument;

import java.util.LinkedHashSet;
import java.util.Set;

/** Small helpers over PDFBox objects for the modification analysis: object keys, field names, resolution. */
final class CosObjects {

    private CosObjects() {
    }

    static COSBase fields(PDDocument doc) {
        return doc.getDocumentCatalog().getCOSObject().getDictionaryObject(COSName.ACRO_FORM) instanceof COSDictionary f
                ? f.getDictionaryObject(COSName.FIELDS) : null;
    }

    static COSBase resolve(COSDocument doc, COSObjectKey key) {
        COSObject o = doc.getObjectFromPool(key);
        return o == null ? null : o.getObject();
    }

    static Set<COSObjectKey> keys(COSBase array) {
        Set<COSObjectKey> out = new LinkedHashSet<>();
        if (array instanceof COSArray a) {
            for (int i = 0; i < a.size(); i++) {
                COSObjectKey k = CosCompare.key(a.get(i));
                if (k != null) {
                    out.add(k);
                }
            }
        }
        return out;
    }

    static Set<COSObjectKey> difference(Set<COSObjectKey> a, Set<COSObjectKey> b) {
        Set<COSObjectKey> out = new LinkedHashSet<>(a);
        out.removeAll(b);
        return out;
    }

    static String plain(COSDictionary field) {
        String t = field.getString(COSName.T);
        return t == null ? "" : t;
    }

    static String name(COSBase field) {
        return field instanceof COSDictionary d && d.getString(COSName.T) != null ? "'" + d.getString(COSName.T) + "'"
                : "(unnamed)";
    }

    static String names(Set<COSName> keys) {
        return keys.stream().map(k -> "/" + k.getName()).sorted().reduce((a, b) -> a + ", " + b).orElse("");
    }

    static boolean isSignatureWidget(COSDictionary annot) {
        COSDictionary field = annot.containsKey(COSName.FT) ? annot
                : annot.getDictionaryObject(COSName.PARENT) instanceof COSDictionary p ? p : annot;
        return COSName.SIG.equals(field.getCOSName(COSName.FT));
    }

    static COSObjectKey fieldKey(COSDictionary annot) {
        return annot.containsKey(COSName.FT) || !annot.containsKey(COSName.PARENT) ? annot.getKey()
                : CosCompare.key(annot.getItem(COSName.PARENT));
    }
}
