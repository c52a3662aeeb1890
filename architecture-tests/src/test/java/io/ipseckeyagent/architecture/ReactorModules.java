package io.ipseckeyagent.architecture;

import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.LocationProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The production classes of every module the parent pom lists, read from each module's
 * {@code target/classes}. Not from the class path: in a {@code verify} run Maven hands sibling
 * modules over as jars (bootstrap's being the shaded jar that holds every module again), so a
 * class-path import with {@code DoNotIncludeJars} would see nothing and one without it would see
 * classes twice. Test classes, fixtures included, are never in {@code target/classes}.
 */
public final class ReactorModules implements LocationProvider {
    private static final Pattern MODULE = Pattern.compile("<module>\\s*([^<\\s]+)\\s*</module>");

    @Override
    public Set<Location> get(Class<?> testClass) {
        return productionClassDirectories().stream().map(Location::of).collect(Collectors.toSet());
    }

    static Path reactorRoot() {
        return Path.of(System.getProperty("ipseckeyagent.reactorRoot", "..")).toAbsolutePath().normalize();
    }

    /** The modules of the parent pom, in build order. */
    static List<String> modules() {
        try {
            String pom = Files.readString(reactorRoot().resolve("pom.xml"));
            return MODULE.matcher(pom).results().map(match -> match.group(1)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the parent pom under " + reactorRoot(), e);
        }
    }

    /** {@code target/classes} of every module with main sources; fails if one is not compiled. */
    static List<Path> productionClassDirectories() {
        return modules().stream()
                .map(reactorRoot()::resolve)
                .filter(module -> Files.isDirectory(module.resolve("src/main/java")))
                .map(module -> {
                    Path classes = module.resolve("target/classes");
                    if (!Files.isDirectory(classes)) {
                        throw new IllegalStateException(classes + " is missing: build the reactor with Maven first");
                    }
                    return classes;
                })
                .toList();
    }
}
