package io.ipseckeyagent.adapters.fs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The group ids this process runs with, from {@code /proc/self/status}: empty where there is none. */
final class ProcessGroups {
    private static final Path STATUS = Path.of("/proc/self/status");

    private ProcessGroups() {}

    static Set<Integer> current() {
        try {
            return parse(Files.readAllLines(STATUS));
        } catch (IOException | SecurityException e) {
            return Set.of();
        }
    }

    /** {@code Gid:} (real, effective, saved, file system) and {@code Groups:} (supplementary, fsGroup among them). */
    static Set<Integer> parse(List<String> statusLines) {
        Set<Integer> groups = new HashSet<>();
        for (String line : statusLines) {
            if (line.startsWith("Gid:") || line.startsWith("Groups:")) {
                for (String field : line.substring(line.indexOf(':') + 1).trim().split("\\s+")) {
                    // Java reads unix:gid as an int: larger ids cannot match anyway.
                    if (!field.isEmpty() && field.length() < 10 && field.chars().allMatch(Character::isDigit)) {
                        groups.add(Integer.parseInt(field));
                    }
                }
            }
        }
        return Set.copyOf(groups);
    }
}
