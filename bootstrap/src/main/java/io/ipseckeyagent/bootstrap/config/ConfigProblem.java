package io.ipseckeyagent.bootstrap.config;

/**
 * One thing wrong (or worth a warning) in the configuration, with where it came from: a flag
 * ({@code --ipsec-key-rotation-duration}), an environment variable, or {@code file:line: key}.
 */
public record ConfigProblem(String where, String message) {
    /** The line an operator reads: {@code where: message}. */
    public String render() {
        return where + ": " + message;
    }

    @Override
    public String toString() {
        return render();
    }
}
