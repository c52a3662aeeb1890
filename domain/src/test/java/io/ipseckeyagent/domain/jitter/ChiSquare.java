package io.ipseckeyagent.domain.jitter;

/** Pearson's chi-square statistic against a uniform spread over the bins. */
final class ChiSquare {
    /** The 1% critical value for 19 degrees of freedom (20 bins): a fair spread stays below it 99 times in 100. */
    static final double CRITICAL_19_DF = 36.191;
    static final int BINS = 20;

    private ChiSquare() {}

    /** The statistic for values in [0, 1) put into {@link #BINS} equal bins. */
    static double ofFractions(double[] fractions) {
        long[] counts = new long[BINS];
        for (double fraction : fractions) {
            counts[(int) (fraction * BINS)]++;
        }
        double expected = (double) fractions.length / BINS;
        double statistic = 0;
        for (long count : counts) {
            statistic += (count - expected) * (count - expected) / expected;
        }
        return statistic;
    }
}
