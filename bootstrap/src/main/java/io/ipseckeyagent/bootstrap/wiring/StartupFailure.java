package io.ipseckeyagent.bootstrap.wiring;

import io.vavr.collection.List;
import io.vavr.collection.Seq;

/**
 * Why the agent cannot start, for the operator: each problem names the flag or resource at fault.
 * Thrown by providers and start steps; the launcher turns it into log lines and an exit code.
 */
public final class StartupFailure extends RuntimeException {
    /** The agent could not start for a reason outside the configuration (a port in use, ...). */
    public static final int EXIT_CANNOT_START = 1;
    /** The configuration is wrong (as for flags that do not parse). */
    public static final int EXIT_INVALID_CONFIGURATION = 2;

    private final int exitCode;
    private final List<String> problems;

    private StartupFailure(int exitCode, Seq<String> problems) {
        super(problems.mkString("; "), null, false, false);
        this.exitCode = exitCode;
        this.problems = List.ofAll(problems);
    }

    public static StartupFailure invalidConfiguration(Seq<String> problems) {
        return new StartupFailure(EXIT_INVALID_CONFIGURATION, problems);
    }

    public static StartupFailure invalidConfiguration(String problem) {
        return invalidConfiguration(List.of(problem));
    }

    public static StartupFailure cannotStart(String problem) {
        return new StartupFailure(EXIT_CANNOT_START, List.of(problem));
    }

    /** Several failures as one: every problem, and the configuration's exit code if any of them has it. */
    static StartupFailure combine(Seq<StartupFailure> failures) {
        int exitCode = failures.map(StartupFailure::exitCode).max().getOrElse(EXIT_CANNOT_START);
        return new StartupFailure(exitCode, failures.flatMap(StartupFailure::problems).distinct());
    }

    public int exitCode() {
        return exitCode;
    }

    public List<String> problems() {
        return problems;
    }
}
