package io.ipseckeyagent.domain.key;

import io.vavr.control.Option;

/**
 * An error or warning about a key file. {@code line} is 1-based, or absent for problems of the
 * whole file (empty, too large, unreadable). {@code affects} says which Cilium versions the problem
 * concerns, where that is known (warnings). Messages never quote key material.
 */
public record KeyFileProblem(Option<Integer> line, String message, Option<CiliumVersions> affects) {

    public KeyFileProblem(Option<Integer> line, String message) {
        this(line, message, Option.none());
    }

    public static KeyFileProblem atLine(int line, String message) {
        return new KeyFileProblem(Option.some(line), message);
    }

    public static KeyFileProblem ofFile(String message) {
        return new KeyFileProblem(Option.none(), message);
    }

    public KeyFileProblem affecting(CiliumVersions versions) {
        return new KeyFileProblem(line, message, Option.some(versions));
    }

    /** Compiler style: {@code FILE:LINE: message}, or {@code FILE: message}. */
    public String render(String file) {
        return line.map(n -> file + ":" + n + ": " + message).getOrElse(() -> file + ": " + message);
    }
}
