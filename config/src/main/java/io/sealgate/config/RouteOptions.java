package io.sealgate.config;

import java.util.Objects;
import java.util.Optional;

/**
 * The action-specific settings of a route. The loader allows each only with the actions named below, so a present
 * value always belongs to the route's action.
 *
 * @param process       sign-upload: id of the process (under {@code processes:}) applied when a document is created;
 *                      empty for a plain creator signature
 * @param document      sign-upload: the path variable naming the document; empty when the match path has no
 *                      variables (then the last path segment, or a multipart file part's filename, names it)
 * @param cadesOutput   sign-upload: where the detached {@code .p7s} of a non-PDF document goes
 * @param cadesName     sign-upload: path template (variables from the match path) the {@code .p7s} is written to
 *                      upstream; empty for the document's path plus {@code .p7s}
 * @param documentPath  approve: path template (variables from the match path) where the document is fetched from
 *                      and written back to; always present on an approve route
 * @param step          approve: the step the route performs; empty for the user's next open step
 * @param onInvalid     verify-upload: what happens to a document whose signatures do not verify
 */
public record RouteOptions(
        Optional<String> process,
        Optional<String> document,
        CadesOutput cadesOutput,
        Optional<String> cadesName,
        Optional<String> documentPath,
        Optional<String> step,
        OnInvalid onInvalid) {

    /** The options of a route that sets none (every pass route). */
    public static final RouteOptions NONE = new RouteOptions(Optional.empty(), Optional.empty(), CadesOutput.UPSTREAM,
            Optional.empty(), Optional.empty(), Optional.empty(), OnInvalid.REFUSE);

    public RouteOptions {
        Objects.requireNonNull(process, "process");
        Objects.requireNonNull(document, "document");
        Objects.requireNonNull(cadesOutput, "cadesOutput");
        Objects.requireNonNull(cadesName, "cadesName");
        Objects.requireNonNull(documentPath, "documentPath");
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(onInvalid, "onInvalid");
    }

    /** Where the {@code .p7s} of a CAdES-signed (non-PDF) upload goes. */
    public enum CadesOutput {
        /** Written upstream next to the document (at {@link #cadesName()}). */
        UPSTREAM,
        /** Returned to the client in the response; only the document goes upstream. */
        CLIENT
    }

    /** What verify-upload does with a document that fails verification. */
    public enum OnInvalid {
        /** Answer 422 with the verification report; nothing goes upstream. */
        REFUSE,
        /** Forward it with a {@code Sealgate-Verification} header carrying the verdict. */
        ANNOTATE
    }
}
