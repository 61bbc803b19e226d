package io.sealgate.signing.verify;

import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSString;

import java.util.ArrayList;
import java.util.List;

/**
 * What the signatures of a PDF permit to change after them (ISO 32000-1 12.8.2): the certification signature's
 * DocMDP level (P=1 nothing, P=2 form filling and signing, P=3 also annotations) and the FieldMDP locks of every
 * signature, each effective after the revision its signature covers.
 */
final class Permissions {

    private static final COSName FIELD_MDP = COSName.getPDFName("FieldMDP");
    private static final COSName ACTION = COSName.getPDFName("Action");
    private static final COSName LOCK = COSName.getPDFName("Lock");

    private record Lock(int revision, String action, List<String> fields) {
    }

    private int docMdp;
    private int docMdpRevision = Integer.MAX_VALUE;
    private final List<Lock> locks = new ArrayList<>();

    /** Records the permissions {@code signature} (covering {@code revision}) sets; {@code field} may be null. */
    void add(COSDictionary signature, COSDictionary field, int revision) {
        COSArray references = signature.getCOSArray(COSName.REFERENCE);
        if (references != null) {
            for (int i = 0; i < references.size(); i++) {
                if (!(references.getObject(i) instanceof COSDictionary ref)) {
                    continue;
                }
                COSName method = ref.getCOSName(COSName.TRANSFORM_METHOD);
                COSDictionary params = ref.getCOSDictionary(COSName.TRANSFORM_PARAMS);
                if (COSName.DOCMDP.equals(method) && revision < docMdpRevision) {
                    docMdp = params == null ? 2 : params.getInt(COSName.P, 2);
                    docMdpRevision = revision;
                } else if (FIELD_MDP.equals(method) && params != null) {
                    addLock(params, revision);
                }
            }
        }
        if (field != null && field.getDictionaryObject(LOCK) instanceof COSDictionary lock) {
            addLock(lock, revision);
        }
    }

    private void addLock(COSDictionary params, int revision) {
        COSName action = params.getCOSName(ACTION);
        List<String> fields = new ArrayList<>();
        if (params.getDictionaryObject(COSName.FIELDS) instanceof COSArray array) {
            for (COSBase b : array.toList()) {
                COSBase v = b instanceof org.apache.pdfbox.cos.COSObject o ? o.getObject() : b;
                if (v instanceof COSString s) {
                    fields.add(s.getString());
                }
            }
        }
        locks.add(new Lock(revision, action == null ? "All" : action.getName(), fields));
    }

    /** The DocMDP level in force for a change made in {@code revision}: 0 when the document is not certified. */
    int docMdpAt(int revision) {
        return revision > docMdpRevision ? docMdp : 0;
    }

    /** Whether a FieldMDP lock of a signature before {@code revision} covers the field named {@code name}. */
    boolean locked(String name, int revision) {
        for (Lock lock : locks) {
            if (revision <= lock.revision()) {
                continue;
            }
            boolean listed = lock.fields().contains(name);
            if ("All".equals(lock.action()) || "Include".equals(lock.action()) && listed
                    || "Exclude".equals(lock.action()) && !listed) {
                return true;
            }
        }
        return false;
    }
}
