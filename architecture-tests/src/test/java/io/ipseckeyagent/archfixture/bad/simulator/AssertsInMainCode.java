package io.ipseckeyagent.archfixture.bad.simulator;

import org.junit.jupiter.api.Assertions;

/** Breaks: production code leaning on a test library (the demo would need test jars at run time). */
final class AssertsInMainCode {
    void check(int nodes) {
        Assertions.assertTrue(nodes > 0);
    }
}
