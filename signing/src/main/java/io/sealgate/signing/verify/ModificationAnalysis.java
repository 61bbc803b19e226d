package io.sealgate.signing.verify;

import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSDocument;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObjectKey;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Says, in words, what each revision after the first signature changed, and whether that is allowed: later
 * signatures with their fields, document timestamps, validation data ({@code /DSS}), metadata, and what the
 * certification level permits (form filling at P=2 outside FieldMDP locks, annotations at P=3). Every object an
 * incremental update defines again is compared with its earlier version; objects added but not referenced from a
 * changed object cannot change what a viewer shows and are not reported.
 */
final class ModificationAnalysis {

    private static final COSName DSS = COSName.getPDFName("DSS");
    private static final COSName VRI = COSName.getPDFName("VRI");
    private static final COSName DOC_TIME_STAMP = COSName.getPDFName("DocTimeStamp");
    private static final Set<COSName> FORM_KEYS = Set.of(COSName.SIG_FLAGS, COSName.DR, COSName.DA,
            COSName.NEED_APPEARANCES);

    /** A signature as the analysis needs it: the object its field's /V names, and the revision it covers. */
    record Signed(COSObjectKey key, int revision, boolean timestamp) {
    }

    private final PdfRevisions revisions;
    private final List<Signed> signatures;
    private final Permissions permissions;
    private final List<ChangeReport> changes = new ArrayList<>();

    private int revision;
    private PDDocument prev;
    private PDDocument cur;
    private PageIndex pages;
    private Set<COSObjectKey> newFields;
    private FormIndex form;

    private ModificationAnalysis(PdfRevisions revisions, List<Signed> signatures, Permissions permissions) {
        this.revisions = revisions;
        this.signatures = signatures;
        this.permissions = permissions;
    }

    /** The changes of every revision after {@code firstSigned}, in revision order. */
    static List<ChangeReport> analyse(PdfRevisions revisions, int firstSigned, List<Signed> signatures,
                                      Permissions permissions) {
        ModificationAnalysis analysis = new ModificationAnalysis(revisions, signatures, permissions);
        for (int r = firstSigned + 1; r < revisions.count(); r++) {
            analysis.revision(r);
        }
        int trailing = revisions.trailingBytes();
        if (trailing > 0 && firstSigned >= 0) {
            analysis.add(ChangeKind.OTHER, false, trailing + " bytes after the last %%EOF are not part of any "
                    + "revision");
        }
        return analysis.changes;
    }

    private void revision(int r) {
        revision = r;
        try {
            prev = revisions.open(r - 1);
            cur = revisions.open(r);
        } catch (IOException | RuntimeException e) {
            add(ChangeKind.OTHER, false, "revision " + r + " cannot be read: " + e.getMessage());
            return;
        }
        COSDocument p = prev.getDocument();
        COSDocument c = cur.getDocument();
        if (!Objects.equals(CosCompare.key(p.getTrailer().getItem(COSName.ROOT)),
                CosCompare.key(c.getTrailer().getItem(COSName.ROOT)))) {
            add(ChangeKind.DOCUMENT_CHANGED, false, "the document catalog was replaced by another object");
        }
        if (c.getStartXref() == p.getStartXref()) {
            // objects appended without a cross-reference section: some viewers rebuild the table and show them
            add(ChangeKind.OTHER, false, "revision " + r + " appends " + (revisions.end(r) - revisions.end(r - 1))
                    + " bytes without a cross-reference section of its own");
            return;
        }
        pages = PageIndex.of(cur);
        newFields = CosObjects.difference(CosObjects.keys(CosObjects.fields(cur)), CosObjects.keys(CosObjects.fields(prev)));
        form = FormIndex.of(prev, cur);
        Map<COSObjectKey, Long> before = p.getXrefTable();
        List<COSObjectKey> keys = new ArrayList<>(c.getXrefTable().keySet());
        keys.sort(null);
        for (COSObjectKey key : keys) {
            Long offset = c.getXrefTable().get(key);
            if (!before.containsKey(key) || offset == null) {
                continue; // new: reported through the changed object that references it
            }
            if (offset.equals(before.get(key))) {
                continue;
            }
            COSBase now = CosObjects.resolve(c, key);
            COSBase then = CosObjects.resolve(p, key);
            if (now == null || then == null || CosCompare.same(then, now)) {
                continue;
            }
            if (now instanceof COSStream s && (COSName.XREF.equals(s.getCOSName(COSName.TYPE))
                    || COSName.OBJ_STM.equals(s.getCOSName(COSName.TYPE)))) {
                continue;
            }
            classify(key, then, now);
        }
    }

    private void classify(COSObjectKey key, COSBase then, COSBase now) {
        COSDictionary d = now instanceof COSDictionary dict ? dict : null;
        COSDictionary old = then instanceof COSDictionary dict ? dict : null;
        COSName type = d == null ? null : d.getCOSName(COSName.TYPE);
        String object = "object " + key.getNumber() + " " + key.getGeneration();
        if (form.formResources().contains(key)) {
            add(ChangeKind.FORM_FIELD_CHANGED, form.changedFields().values().stream().allMatch(this::formFillAllowed),
                    "the form's default resources changed with the filled values");
        } else if (form.formAppearances().containsKey(key)) {
            String field = form.formAppearances().get(key);
            add(ChangeKind.FORM_FIELD_CHANGED, formFillAllowed(field), "the appearance of form field '" + field
                    + "' was regenerated with its value");
        } else if (key.equals(CosCompare.key(cur.getDocument().getTrailer().getItem(COSName.ROOT))) && d != null
                && old != null) {
            catalog(old, d);
        } else if (key.equals(CosCompare.key(cur.getDocument().getTrailer().getItem(COSName.INFO)))) {
            add(ChangeKind.METADATA_CHANGED, true, "the document information dictionary changed");
        } else if (key.equals(CosCompare.key(cur.getDocumentCatalog().getCOSObject().getItem(COSName.ACRO_FORM)))
                && d != null && old != null) {
            acroForm(old, d);
        } else if (isValidationData(key) || COSName.getPDFName("DSS").equals(type)) {
            add(ChangeKind.VALIDATION_DATA_ADDED, true, "validation data (/DSS) extended");
        } else if (COSName.PAGES.equals(type)) {
            add(ChangeKind.PAGES_CHANGED, false, "the page tree changed (pages: " + prev.getNumberOfPages()
                    + " before, " + cur.getNumberOfPages() + " after)");
        } else if (pages.pageNumbers().containsKey(key) && d != null && old != null) {
            page(pages.pageNumbers().get(key), old, d);
        } else if (pages.annotsOwners().containsKey(key) && now instanceof COSArray a && then instanceof COSArray b) {
            annotations(pages.annotsOwners().get(key), b, a);
        } else if (pages.resourceOwners().containsKey(key)) {
            add(ChangeKind.PAGE_CONTENT_CHANGED, false, "the resources of page " + pages.resourceOwners().get(key)
                    + " changed (" + object + ")");
        } else if (pages.contentOwners().containsKey(key)) {
            add(ChangeKind.PAGE_CONTENT_CHANGED, false, "the content stream of page " + pages.contentOwners().get(key)
                    + " was replaced (" + object + ")");
        } else if (COSName.SIG.equals(type) || DOC_TIME_STAMP.equals(type)
                || d != null && d.containsKey(COSName.BYTERANGE)) {
            add(ChangeKind.SIGNATURE_CHANGED, false, "a signature dictionary was overwritten (" + object + ")");
        } else if (d != null && old != null && (d.containsKey(COSName.FT) || d.containsKey(COSName.T)
                || d.containsKey(COSName.PARENT) && COSName.WIDGET.equals(d.getCOSName(COSName.SUBTYPE)))) {
            field(old, d);
        } else if (COSName.METADATA.equals(type)) {
            add(ChangeKind.METADATA_CHANGED, true, "the document's XMP metadata changed");
        } else if (COSName.FONT.equals(type) || d != null && (d.containsKey(COSName.FONT_FILE)
                || d.containsKey(COSName.FONT_FILE2) || d.containsKey(COSName.FONT_FILE3))) {
            add(ChangeKind.PAGE_CONTENT_CHANGED, false, "a font was replaced (" + object + ")");
        } else if (d instanceof COSStream && (COSName.FORM.equals(d.getCOSName(COSName.SUBTYPE))
                || COSName.IMAGE.equals(d.getCOSName(COSName.SUBTYPE)))) {
            add(ChangeKind.PAGE_CONTENT_CHANGED, false, "an XObject (" + d.getCOSName(COSName.SUBTYPE).getName()
                    + ") was replaced (" + object + ")");
        } else if (COSName.ANNOT.equals(type) || d != null && d.containsKey(COSName.RECT)) {
            add(ChangeKind.ANNOTATION_CHANGED, permissions.docMdpAt(revision) == 3, "an annotation was changed ("
                    + object + ")");
        } else {
            add(ChangeKind.OTHER, false, object + (type == null ? "" : " (/" + type.getName() + ")")
                    + " was overwritten");
        }
    }

    private void catalog(COSDictionary old, COSDictionary now) {
        for (COSName k : CosCompare.differingKeys(old, now)) {
            if (k.equals(DSS) || k.equals(COSName.EXTENSIONS)) {
                add(ChangeKind.VALIDATION_DATA_ADDED, true, "validation data (/DSS) added");
            } else if (k.equals(COSName.METADATA)) {
                add(ChangeKind.METADATA_CHANGED, true, "the document's XMP metadata changed");
            } else if (k.equals(COSName.ACRO_FORM)) {
                COSBase a = old.getDictionaryObject(k);
                COSBase b = now.getDictionaryObject(k);
                acroForm(a instanceof COSDictionary x ? x : new COSDictionary(),
                        b instanceof COSDictionary y ? y : new COSDictionary());
            } else {
                add(ChangeKind.DOCUMENT_CHANGED, false, "the document catalog's /" + k.getName() + " changed");
            }
        }
    }

    private void acroForm(COSDictionary old, COSDictionary now) {
        for (COSName k : CosCompare.differingKeys(old, now)) {
            if (FORM_KEYS.contains(k)) {
                continue;
            }
            if (!k.equals(COSName.FIELDS)) {
                add(ChangeKind.DOCUMENT_CHANGED, false, "the interactive form's /" + k.getName() + " changed");
                continue;
            }
            Set<COSObjectKey> before = CosObjects.keys(old.getDictionaryObject(COSName.FIELDS));
            Set<COSObjectKey> after = CosObjects.keys(now.getDictionaryObject(COSName.FIELDS));
            for (COSObjectKey removed : CosObjects.difference(before, after)) {
                add(ChangeKind.SIGNATURE_CHANGED, false, "the form field " + CosObjects.name(CosObjects.resolve(prev.getDocument(),
                        removed)) + " was removed");
            }
            for (COSObjectKey added : CosObjects.difference(after, before)) {
                newField(CosObjects.resolve(cur.getDocument(), added));
            }
        }
    }

    private void newField(COSBase base) {
        if (!(base instanceof COSDictionary field)) {
            add(ChangeKind.OTHER, false, "a form field that is not a dictionary was added");
            return;
        }
        if (!COSName.SIG.equals(field.getCOSName(COSName.FT))) {
            add(ChangeKind.FORM_FIELD_CHANGED, false, "the form field " + CosObjects.name(field) + " was added");
            return;
        }
        COSBase value = field.getItem(COSName.V);
        if (value == null) {
            add(ChangeKind.SIGNATURE_FIELD_ADDED, false, "the empty signature field " + CosObjects.name(field) + " was added");
            return;
        }
        signatureValue(field, value);
    }

    /** A signature field's /V names a signature: allowed when that signature is the one this revision adds. */
    private void signatureValue(COSDictionary field, COSBase value) {
        Signed s = signatures.stream().filter(x -> x.key().equals(CosCompare.key(value))).findFirst().orElse(null);
        if (s == null || s.revision() != revision) {
            add(ChangeKind.SIGNATURE_CHANGED, false, "the signature field " + CosObjects.name(field) + " shows a signature "
                    + (s == null ? "whose byte range is broken" : "that covers revision " + s.revision()));
        } else if (s.timestamp()) {
            add(ChangeKind.DOCUMENT_TIMESTAMP_ADDED, true, "a document timestamp was added (" + CosObjects.name(field) + ")");
        } else {
            int p = permissions.docMdpAt(revision);
            add(ChangeKind.SIGNATURE_ADDED, p != 1, "a signature was added (" + CosObjects.name(field) + ")"
                    + (p == 1 ? ", which the certification signature (P=1) forbids" : ""));
        }
    }

    private void field(COSDictionary old, COSDictionary now) {
        Set<COSName> differing = CosCompare.differingKeys(old, now);
        boolean signatureField = COSName.SIG.equals(now.getCOSName(COSName.FT))
                || now.getDictionaryObject(COSName.PARENT) instanceof COSDictionary parent
                   && COSName.SIG.equals(parent.getCOSName(COSName.FT));
        if (signatureField) {
            if (differing.contains(COSName.V) && old.getItem(COSName.V) == null && now.getItem(COSName.V) != null) {
                signatureValue(now, now.getItem(COSName.V));
            } else if (differing.contains(COSName.V)) {
                add(ChangeKind.SIGNATURE_CHANGED, false, "the value of signature field " + CosObjects.name(now)
                        + " was replaced");
            } else {
                add(ChangeKind.SIGNATURE_CHANGED, false, "signature field " + CosObjects.name(now) + " changed ("
                        + CosObjects.names(differing) + ")");
            }
            return;
        }
        Set<COSName> others = new java.util.HashSet<>(differing);
        others.removeAll(Set.of(COSName.V, COSName.AP, COSName.AS));
        COSObjectKey parent = CosCompare.key(now.getItem(COSName.PARENT));
        if (differing.contains(COSName.V) && others.isEmpty()) {
            String fieldName = CosObjects.name(now);
            add(ChangeKind.FORM_FIELD_CHANGED, formFillAllowed(CosObjects.plain(now)), "the value of form field " + fieldName
                    + " changed" + (permissions.locked(CosObjects.plain(now), revision) ? ", which a signature locked" : ""));
        } else if (!differing.contains(COSName.V) && others.isEmpty() && parent != null
                   && form.changedFields().containsKey(parent)) {
            String field = form.changedFields().get(parent);
            add(ChangeKind.FORM_FIELD_CHANGED, formFillAllowed(field), "the appearance of form field '" + field
                    + "' was regenerated with its value");
        } else {
            add(ChangeKind.FORM_FIELD_CHANGED, false, "form field " + CosObjects.name(now) + " changed (" + CosObjects.names(differing)
                    + ")");
        }
    }

    /** Form filling is allowed after a certification with P=2 or P=3, outside FieldMDP locks. */
    private boolean formFillAllowed(String field) {
        return permissions.docMdpAt(revision) >= 2 && !permissions.locked(field, revision);
    }

    private void page(int number, COSDictionary old, COSDictionary now) {
        for (COSName k : CosCompare.differingKeys(old, now)) {
            if (k.equals(COSName.ANNOTS)) {
                COSBase a = old.getDictionaryObject(k);
                COSBase b = now.getDictionaryObject(k);
                annotations(number, a instanceof COSArray x ? x : new COSArray(),
                        b instanceof COSArray y ? y : new COSArray());
            } else {
                add(ChangeKind.PAGE_CONTENT_CHANGED, false, "page " + number + ": /" + k.getName() + " changed");
            }
        }
    }

    private void annotations(int page, COSArray old, COSArray now) {
        Set<COSObjectKey> before = CosObjects.keys(old);
        Set<COSObjectKey> after = CosObjects.keys(now);
        boolean p3 = permissions.docMdpAt(revision) == 3;
        for (COSObjectKey k : CosObjects.difference(before, after)) {
            add(ChangeKind.ANNOTATION_CHANGED, p3, "an annotation was removed from page " + page);
        }
        for (COSObjectKey k : CosObjects.difference(after, before)) {
            COSBase base = CosObjects.resolve(cur.getDocument(), k);
            COSDictionary annot = base instanceof COSDictionary d ? d : new COSDictionary();
            if (isNewSignatureWidget(annot) || CosObjects.isSignatureWidget(annot) && newFields.contains(CosObjects.fieldKey(annot))) {
                continue; // reported with the field
            }
            COSName subtype = annot.getCOSName(COSName.SUBTYPE);
            String what = subtype == null ? "an annotation" : "a /" + subtype.getName() + " annotation";
            add(ChangeKind.ANNOTATION_CHANGED, p3 && !COSName.WIDGET.equals(subtype), what
                    + " was added to page " + page);
        }
    }

    /** A widget of a signature field whose /V is the signature of this revision. */
    private boolean isNewSignatureWidget(COSDictionary annot) {
        COSDictionary field = annot.containsKey(COSName.FT) ? annot
                : annot.getDictionaryObject(COSName.PARENT) instanceof COSDictionary p ? p : annot;
        COSBase value = field.getItem(COSName.V);
        if (!COSName.SIG.equals(field.getCOSName(COSName.FT)) || value == null) {
            return false;
        }
        return signatures.stream().anyMatch(s -> s.key().equals(CosCompare.key(value)) && s.revision() == revision);
    }

    private boolean isValidationData(COSObjectKey key) {
        COSBase dss = cur.getDocumentCatalog().getCOSObject().getItem(DSS);
        if (key.equals(CosCompare.key(dss))) {
            return true;
        }
        return cur.getDocumentCatalog().getCOSObject().getDictionaryObject(DSS) instanceof COSDictionary d
               && key.equals(CosCompare.key(d.getItem(VRI)));
    }

    private void add(ChangeKind kind, boolean allowed, String description) {
        changes.add(new ChangeReport(revision, kind, allowed, description));
    }
}
