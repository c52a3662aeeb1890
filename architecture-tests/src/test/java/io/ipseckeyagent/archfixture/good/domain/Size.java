package io.ipseckeyagent.archfixture.good.domain;

/** Keeps the rule: an exhaustive switch, one guard on a single case, and equals. */
sealed interface Size {
    record Small(int value) implements Size {}

    record Large(int value) implements Size {}

    static int weight(Size size) {
        return switch (size) {
            case Small small -> small.value();
            case Large large -> 10 * large.value();
        };
    }

    static boolean isLarge(Size size) {
        return size instanceof Large;
    }
}
