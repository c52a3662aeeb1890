package io.ipseckeyagent.bootstrap.plugins;

import io.ipseckeyagent.bootstrap.config.RunOptions;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import io.vavr.control.Try;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The class loader plugins are found with: the agent's own, plus the jars of {@code --plugin-dir}. */
public final class PluginJars {
    private PluginJars() {}

    /**
     * Without a directory, {@code parent} itself. With one, a loader over its {@code *.jar} files (in
     * name order, not recursive) that asks {@code parent} first, so plugins share the agent's API
     * classes. The left side names the flag. The loader stays open for the life of the process.
     */
    public static Either<String, ClassLoader> classLoader(Option<Path> pluginDir, ClassLoader parent) {
        return pluginDir.fold(() -> Either.right(parent), dir -> jarsIn(dir).map(jars -> withJars(jars, parent)));
    }

    /** The jars in {@code dir}, by name. */
    public static Either<String, List<Path>> jarsIn(Path dir) {
        if (!Files.isDirectory(dir)) {
            return Either.left(RunOptions.PLUGIN_DIR.flag() + " " + dir + ": not a directory");
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return Either.right(List.ofAll(entries.filter(PluginJars::isJar).sorted().toList()));
        } catch (IOException e) {
            return Either.left(RunOptions.PLUGIN_DIR.flag() + " " + dir + ": cannot list: " + e.getMessage());
        }
    }

    private static boolean isJar(Path path) {
        return path.getFileName().toString().endsWith(".jar") && Files.isRegularFile(path);
    }

    private static ClassLoader withJars(List<Path> jars, ClassLoader parent) {
        // A path of the default file system always makes a valid file URL.
        URL[] urls = jars.map(jar -> Try.of(() -> jar.toUri().toURL())
                .getOrElseThrow(error -> new IllegalStateException("not a file URL: " + jar, error))).toJavaArray(URL[]::new);
        return new URLClassLoader("plugins", urls, parent);
    }
}
