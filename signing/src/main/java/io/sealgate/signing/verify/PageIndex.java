package io.sealgate.signing.verify;

import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSObjectKey;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;

import java.util.HashMap;
import java.util.Map;

/**
 * Where each page's objects are, by object key, in one revision: the page dictionaries (1-based page numbers),
 * indirect /Annots arrays, content streams and resource dictionaries.
 */
record PageIndex(Map<COSObjectKey, Integer> pageNumbers, Map<COSObjectKey, Integer> annotsOwners,
                 Map<COSObjectKey, Integer> contentOwners, Map<COSObjectKey, Integer> resourceOwners) {

    static PageIndex of(PDDocument cur) {
        Map<COSObjectKey, Integer> pageNumbers = new HashMap<>();
        Map<COSObjectKey, Integer> annotsOwners = new HashMap<>();
        Map<COSObjectKey, Integer> contentOwners = new HashMap<>();
        Map<COSObjectKey, Integer> resourceOwners = new HashMap<>();
        int n = 1;
        for (PDPage page : cur.getPages()) {
            COSDictionary d = page.getCOSObject();
            if (d.getKey() != null) {
                pageNumbers.put(d.getKey(), n);
            }
            COSBase annots = d.getItem(COSName.ANNOTS);
            if (annots instanceof COSObject) {
                annotsOwners.put(CosCompare.key(annots), n);
            }
            COSBase resources = d.getItem(COSName.RESOURCES);
            if (resources instanceof COSObject) {
                resourceOwners.put(CosCompare.key(resources), n);
            }
            COSBase contents = d.getItem(COSName.CONTENTS);
            if (contents instanceof COSObject) {
                contentOwners.put(CosCompare.key(contents), n);
            }
            if (d.getDictionaryObject(COSName.CONTENTS) instanceof COSArray parts) {
                for (COSBase part : parts) {
                    if (part instanceof COSObject) {
                        contentOwners.put(CosCompare.key(part), n);
                    }
                }
            }
            n++;
        }
        return new PageIndex(pageNumbers, annotsOwners, contentOwners, resourceOwners);
    }
}
