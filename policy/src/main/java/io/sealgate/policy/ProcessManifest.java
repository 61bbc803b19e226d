package io.sealgate.policy;

import java.time.Instant;
import java.util.Objects;

/**
 * What a document carries about its process, written when it is created and covered by the creator's signature:
 * the template (with every step's assignees, each naming its organisation), the document, the creating
 * organisation and the creation time. A verifier needs nothing else to check the signature chain, even in another
 * organisation that has no copy of the template. {@link ProcessManifestCodec} gives its JSON form.
 *
 * @param process       the template, with every step's organisation filled in (the constructor fills in
 *                      {@code organisation} where a step leaves it empty)
 * @param documentId    the document's id as the proxy knows it, e.g. {@code /docs/po-17.pdf}
 * @param organisation  the creating organisation, e.g. {@code acme}; it applies the seal
 * @param createdAt     when the creator's upload was accepted
 */
public record ProcessManifest(ProcessTemplate process, String documentId, String organisation, Instant createdAt) {

    public ProcessManifest {
        Objects.requireNonNull(process, "process");
        Identity.requireText(documentId, "documentId");
        Identity.requireText(organisation, "organisation");
        Objects.requireNonNull(createdAt, "createdAt");
        process = process.resolvedFor(organisation);
    }
}
