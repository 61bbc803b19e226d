package io.sealgate.signing.pades;

import java.util.Objects;

/**
 * Where and how a visible signature is drawn: a seal stamp (a red circle in the manner of a Japanese hanko with the
 * signer's name, and beside it role, step and date) inside a rectangle on one page. Coordinates are PDF points from
 * the lower left corner of the page's media box; {@code pageIndex} counts from 0.
 */
public record SignatureAppearance(int pageIndex, float x, float y, float width, float height,
                                  String name, String role, String step, String date) {

    public SignatureAppearance {
        if (pageIndex < 0) {
            throw new IllegalArgumentException("pageIndex: " + pageIndex + " (expected: >= 0)");
        }
        if (!(width > 0) || !(height > 0)) {
            throw new IllegalArgumentException("size: " + width + "x" + height + " (expected: > 0)");
        }
        Objects.requireNonNull(name, "name");
        role = role == null ? "" : role;
        step = step == null ? "" : step;
        date = date == null ? "" : date;
    }
}
