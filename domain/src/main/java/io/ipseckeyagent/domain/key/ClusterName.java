package io.ipseckeyagent.domain.key;

import io.vavr.control.Either;
import java.util.regex.Pattern;

/** The rule for the name of the cluster the agent reports in events and logs: Cilium's {@code cluster-name}. */
public final class ClusterName {
    /** Cilium's rule for cluster names. */
    private static final Pattern CILIUM_RULE = Pattern.compile("(?=.{1,32}$)([a-z0-9][-a-z0-9]*)?[a-z0-9]");

    private ClusterName() {}

    /** A name as an operator writes it, if Cilium would accept it as a cluster name; else what is wrong. */
    public static Either<String, String> parse(String text) {
        return CILIUM_RULE.matcher(text).matches()
                ? Either.right(text)
                : Either.left("\"" + text + "\" is not a Cilium cluster name (lower-case letters, digits and '-',"
                        + " starting and ending with a letter or digit, at most 32 characters)");
    }
}
