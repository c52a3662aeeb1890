package io.ipseckeyagent.pluginhost;

import io.vavr.collection.Seq;
import io.vavr.control.Option;
import java.util.Locale;

/** Suggests the known name closest to a mistyped one (Damerau-Levenshtein, optimal string alignment). */
public final class DidYouMean {
    private DidYouMean() {}

    /**
     * The closest candidate, if it is close enough to be a likely typo. Case, dashes and underscores
     * are ignored, so {@code ipsecKeyFile} and {@code IPSEC_KEY_FILE} find {@code ipsec-key-file}.
     */
    public static Option<String> closest(String typed, Seq<String> candidates) {
        String wanted = normalize(typed);
        if (wanted.length() > 100) {
            return Option.none(); // not a typo of a short name, and the table would be large
        }
        int allowed = Math.max(2, wanted.length() / 4);
        return candidates
                .map(candidate -> new Scored(candidate, distance(wanted, normalize(candidate))))
                .filter(scored -> scored.distance() <= allowed)
                .minBy(Scored::distance)
                .map(Scored::candidate);
    }

    /** The optimal-string-alignment distance: insertions, deletions, substitutions and adjacent swaps. */
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

    private static String normalize(String name) {
        return name.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
    }

    private record Scored(String candidate, int distance) {}
}
