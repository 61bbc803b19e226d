package io.sealgate.config;

import java.util.Collection;
import java.util.Locale;

/** Suggests the closest known name for a misspelt one ({@code pathprefix} -> {@code path-prefix}). */
final class DidYouMean {

    private DidYouMean() {}

    /**
     * Returns {@code ", did you mean 'x'?"} for the candidate closest to {@code given}, or an empty string when no
     * candidate is close enough to be a likely typo.
     */
    static String suffix(String given, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int distance = distance(given.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        // Two edits catch most typos (swapped letters, a missing dash); more suggests an unrelated word.
        int limit = Math.min(2, Math.max(1, given.length() / 3));
        return best != null && bestDistance <= limit ? ", did you mean '" + best + "'?" : "";
    }

    /** Optimal string alignment distance: Levenshtein plus transposition of two adjacent characters. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
