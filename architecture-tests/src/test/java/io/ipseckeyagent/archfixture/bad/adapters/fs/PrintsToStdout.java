package io.ipseckeyagent.archfixture.bad.adapters.fs;

/** Breaks: only bootstrap may write to the standard streams. */
final class PrintsToStdout {
    static void report() {
        System.out.println("changed");
    }
}
