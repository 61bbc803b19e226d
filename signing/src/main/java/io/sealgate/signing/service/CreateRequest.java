package io.sealgate.signing.service;

import io.sealgate.policy.Identity;
import io.sealgate.policy.ProcessTemplate;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A new document from {@code creator}, for {@link SigningService#create}.
 *
 * @param document     the spooled upload
 * @param documentName the document's name as the upstream knows it (its path); the manifest's document id
 * @param creator      the authenticated user
 * @param template     the route's process template; empty: a plain signature without a process
 * @param context      the request
 */
public record CreateRequest(Path document, String documentName, Identity creator,
                            Optional<ProcessTemplate> template, RequestContext context) {
    public CreateRequest {
        Objects.requireNonNull(document, "document");
        Objects.requireNonNull(documentName, "documentName");
        Objects.requireNonNull(creator, "creator");
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(context, "context");
    }
}
