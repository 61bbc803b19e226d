package io.sealgate.signing.verify;

import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSObjectKey;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The form fields whose value a revision changes, with what filling them rewrites: their widgets' appearance
 * dictionaries, streams and resource dictionaries, and the form's /DR category dictionaries (viewers add fonts to
 * them). The modification analysis judges all of these with the permission of the value change.
 *
 * @param changedFields   field object key -> field name
 * @param formAppearances appearance object key -> field name
 * @param formResources   the /DR dictionary and its category dictionaries; empty when no value changed
 */
record FormIndex(Map<COSObjectKey, String> changedFields, Map<COSObjectKey, String> formAppearances,
                 Set<COSObjectKey> formResources) {

    /** Finds the fields whose /V this revision changes, and the appearance objects of their widgets. */
    static FormIndex of(PDDocument prev, PDDocument cur) {
        Map<COSObjectKey, String> changedFields = new HashMap<>();
        Map<COSObjectKey, String> formAppearances = new HashMap<>();
        Set<COSObjectKey> formResources = new HashSet<>();
        FormIndex index = new FormIndex(changedFields, formAppearances, formResources);
        var form = cur.getDocumentCatalog().getAcroForm(null);
        if (form == null) {
            return index;
        }
        for (var field : form.getFieldTree()) {
            COSDictionary dict = field.getCOSObject();
            COSObjectKey key = dict.getKey();
            if (key == null || !(field instanceof org.apache.pdfbox.pdmodel.interactive.form.PDTerminalField terminal)
                    || COSName.SIG.equals(dict.getCOSName(COSName.FT))) {
                continue;
            }
            COSBase before = CosObjects.resolve(prev.getDocument(), key);
            if (!(before instanceof COSDictionary old) || CosCompare.same(old.getItem(COSName.V),
                    dict.getItem(COSName.V))) {
                continue;
            }
            String name = CosObjects.plain(dict);
            changedFields.put(key, name);
            for (var widget : terminal.getWidgets()) {
                COSBase ap = widget.getCOSObject().getItem(COSName.AP);
                index.collectKeys(ap, name, 0);
            }
        }
        if (!changedFields.isEmpty()) {
            COSBase dr = form.getCOSObject().getItem(COSName.DR);
            addWithCategories(dr, formResources);
        }
        return index;
    }

    /** A resource dictionary's key and its category dictionaries' keys (/Font, /XObject...), not the resources. */
    private static void addWithCategories(COSBase resources, Set<COSObjectKey> into) {
        COSObjectKey key = CosCompare.key(resources);
        if (key != null) {
            into.add(key);
        }
        if ((resources instanceof COSObject o ? o.getObject() : resources) instanceof COSDictionary d) {
            for (COSName k : d.keySet()) {
                COSObjectKey category = CosCompare.key(d.getItem(k));
                if (category != null) {
                    into.add(category);
                }
            }
        }
    }

    /** The appearance dictionary and its streams (two levels: /N, then on/off states). */
    private void collectKeys(COSBase base, String field, int depth) {
        COSObjectKey key = CosCompare.key(base);
        if (key != null) {
            formAppearances.put(key, field);
        }
        COSBase value = base instanceof COSObject o ? o.getObject() : base;
        if (value instanceof COSStream stream) {
            Set<COSObjectKey> resources = new java.util.HashSet<>();
            addWithCategories(stream.getItem(COSName.RESOURCES), resources);
            resources.forEach(k -> formAppearances.put(k, field));
        }
        if (depth < 2 && value instanceof COSDictionary d && !(value instanceof COSStream)) {
            for (COSName k : d.keySet()) {
                collectKeys(d.getItem(k), field, depth + 1);
            }
        }
    }
}
