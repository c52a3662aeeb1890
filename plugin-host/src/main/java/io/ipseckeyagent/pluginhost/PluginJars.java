package io.ipseckeyagent.pluginhost;

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

/**
 * The class loaders plugins are found with: the agent's own (the built-ins), then one per plugin of
 * {@code --plugin-dir}, isolated as Trino isolates its plugins: a plugin sees the agent's classes
 * of {@link #EXPOSED} only, and its own jars.
 */
public final class PluginJars {
    /** What a plugin shares with the agent: the plugin API, what it speaks in (ports, domain, Vavr), and SLF4J to log into the agent's log. */
    static final List<String> EXPOSED = List.of("io.ipseckeyagent.plugin.", "io.ipseckeyagent.application.port.",
            "io.ipseckeyagent.domain.", "io.vavr.", "org.slf4j.");

    private PluginJars() {}

    /**
     * {@code agent} first, then a loader per plugin in {@code pluginDir} (in name order): each
     * {@code *.jar} file is a plugin, and so is each directory of {@code *.jar} files (a plugin with
     * its libraries). The left side names the directory. The loaders stay open for the life of the process.
     */
    public static Either<String, List<ClassLoader>> classLoaders(Option<Path> pluginDir, ClassLoader agent) {
        return pluginDir.fold(() -> Either.<String, List<List<Path>>>right(List.empty()), PluginJars::plugins)
                .map(plugins -> plugins.<ClassLoader>map(jars -> isolated(jars, agent)).prepend(agent));
    }

    /** The jars of each plugin in {@code dir}. */
    private static Either<String, List<List<Path>>> plugins(Path dir) {
        return list(dir).flatMap(entries -> Either.sequenceRight(entries.map(entry -> Files.isDirectory(entry)
                        ? list(entry).map(inside -> inside.filter(PluginJars::isJar))
                        : Either.<String, List<Path>>right(List.of(entry).filter(PluginJars::isJar))))
                .map(plugins -> plugins.filter(jars -> !jars.isEmpty()).toList()));
    }

    private static Either<String, List<Path>> list(Path dir) {
        if (!Files.isDirectory(dir)) {
            return Either.left(dir + ": not a directory");
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return Either.right(List.ofAll(entries.sorted().toList()));
        } catch (IOException e) {
            return Either.left(dir + ": cannot list: " + e.getMessage());
        }
    }

    private static boolean isJar(Path path) {
        return path.getFileName().toString().endsWith(".jar") && Files.isRegularFile(path);
    }

    private static PluginClassLoader isolated(List<Path> jars, ClassLoader agent) {
        // A path of the default file system always makes a valid file URL.
        URL[] urls = jars.map(jar -> Try.of(() -> jar.toUri().toURL())
                .getOrElseThrow(error -> new IllegalStateException("not a file URL: " + jar, error))).toJavaArray(URL[]::new);
        return new PluginClassLoader(jars.head().getFileName().toString(), urls, agent);
    }

    /**
     * Exposed classes come from the agent; everything else from the JDK (the platform loader, the
     * parent) or the plugin's jars. Resources, {@code META-INF/services} included, are the plugin's own.
     */
    static final class PluginClassLoader extends URLClassLoader {
        static {
            registerAsParallelCapable();
        }

        private final ClassLoader agent;

        PluginClassLoader(String name, URL[] jars, ClassLoader agent) {
            super("plugin " + name, jars, ClassLoader.getPlatformClassLoader());
            this.agent = agent;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (EXPOSED.exists(name::startsWith)) {
                return agent.loadClass(name);
            }
            return super.loadClass(name, resolve);
        }
    }
}
