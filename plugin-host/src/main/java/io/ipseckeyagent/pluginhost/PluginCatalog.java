package io.ipseckeyagent.pluginhost;

import io.ipseckeyagent.plugin.AgentPlugin;
import io.ipseckeyagent.plugin.DatapathPlugin;
import io.ipseckeyagent.plugin.KeySourcePlugin;
import io.ipseckeyagent.plugin.PublisherPlugin;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.collection.SortedMap;
import io.vavr.collection.SortedSet;
import io.vavr.collection.TreeMap;
import io.vavr.control.Either;
import io.vavr.control.Option;
import io.vavr.control.Try;
import io.vavr.control.Validation;
import java.util.Iterator;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Every plugin the class loaders see, found with {@link ServiceLoader}, by kind and name. The
 * built-in adapters are found the same way (the agent jar lists them in {@code META-INF/services})
 * and checked the same way (their plugin API version).
 */
public final class PluginCatalog {
    private static final Pattern NAME = Pattern.compile("(?=.{1,64}$)[A-Za-z0-9]([-A-Za-z0-9._]*[A-Za-z0-9])?");

    private final Kind<KeySourcePlugin> keySources;
    private final Kind<PublisherPlugin> publishers;
    private final Kind<DatapathPlugin> datapaths;

    private PluginCatalog(Kind<KeySourcePlugin> keySources, Kind<PublisherPlugin> publishers, Kind<DatapathPlugin> datapaths) {
        this.keySources = keySources;
        this.publishers = publishers;
        this.datapaths = datapaths;
    }

    /**
     * Loads every plugin of {@code loaders} (see {@link PluginJars}); plugins that fail to load, are
     * built for another plugin API, or take a name twice are problems. The flags name where each
     * kind is chosen, for the problems of {@link #choose}.
     */
    public static Validation<Seq<String>, PluginCatalog> discover(Seq<ClassLoader> loaders, String keySourceFlag,
            String publisherFlag, String datapathFlag) {
        Kind<KeySourcePlugin> keySources = Kind.load("key source", keySourceFlag, KeySourcePlugin.class, loaders);
        Kind<PublisherPlugin> publishers = Kind.load("publisher", publisherFlag, PublisherPlugin.class, loaders);
        Kind<DatapathPlugin> datapaths = Kind.load("datapath", datapathFlag, DatapathPlugin.class, loaders);
        Seq<String> problems = keySources.problems.appendAll(publishers.problems).appendAll(datapaths.problems);
        return problems.isEmpty()
                ? Validation.valid(new PluginCatalog(keySources, publishers, datapaths))
                : Validation.invalid(problems);
    }

    /** The plugins named {@code keySource}, {@code publisher} and {@code datapath}; every unknown name is a problem. */
    public Validation<Seq<String>, ChosenPlugins> choose(String keySource, String publisher, String datapath) {
        return Validation.combine(keySources.named(keySource), publishers.named(publisher), datapaths.named(datapath))
                .ap(ChosenPlugins::new)
                .mapError(List::ofAll);
    }

    /** A plugin's name as an operator writes it to choose one, if it can name a plugin; else what is wrong. */
    public static Either<String, String> parseName(String text) {
        return NAME.matcher(text).matches()
                ? Either.right(text)
                : Either.left("\"" + text + "\" is not an adapter name (letters, digits, '-', '.' and '_', at most 64 characters)");
    }

    /** The adapter a chosen plugin makes; a plugin that throws or returns null is a problem with its name and its reason. */
    static <T> Either<String, T> adapter(String noun, AgentPlugin plugin, Supplier<T> make) {
        return Try.ofSupplier(make)
                .filter(Objects::nonNull, () -> new IllegalStateException("it returned null"))
                .toEither().mapLeft(error -> "the " + noun + " plugin \"" + plugin.name() + "\" failed to start: " + error);
    }

    public SortedSet<String> keySourceNames() {
        return keySources.byName.keySet();
    }

    /** The plugins of one interface, by name, and what went wrong while loading them. */
    private record Kind<P extends AgentPlugin>(String noun, String flag, SortedMap<String, P> byName, List<String> problems) {

        static <P extends AgentPlugin> Kind<P> load(String noun, String flag, Class<P> type, Seq<ClassLoader> loaders) {
            return loaders.foldLeft(new Kind<>(noun, flag, TreeMap.empty(), List.empty()), (kind, loader) -> kind.load(type, loader));
        }

        private Kind<P> load(Class<P> type, ClassLoader loader) {
            Kind<P> kind = this;
            Iterator<P> plugins = ServiceLoader.load(type, loader).iterator();
            while (true) {
                try {
                    if (!plugins.hasNext()) {
                        return kind;
                    }
                    kind = kind.with(plugins.next());
                } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
                    kind = kind.withProblem("cannot load a " + noun + " plugin: " + e.getMessage());
                }
            }
        }

        Kind<P> with(P plugin) {
            String name = plugin.name();
            Option<Integer> version = apiVersion(plugin);
            if (!version.contains(AgentPlugin.API_VERSION)) {
                return withProblem("the " + noun + " plugin \"" + name + "\" is built for plugin API "
                        + version.map(String::valueOf).getOrElse("1") + ", this agent offers plugin API " + AgentPlugin.API_VERSION
                        + "; rebuild " + origin(plugin) + " against this agent's plugin-api");
            }
            return byName.get(name).fold(
                    () -> new Kind<>(noun, flag, byName.put(name, plugin), problems),
                    taken -> withProblem("two " + noun + " plugins are named \"" + name + "\": " + origin(taken)
                            + " and " + origin(plugin) + "; remove one from the class path or the plugin directory"));
        }

        Kind<P> withProblem(String problem) {
            return new Kind<>(noun, flag, byName, problems.append(problem));
        }

        Validation<String, P> named(String name) {
            return byName.get(name).toValid(() -> flag + ": no " + noun + " plugin is named \"" + name + "\""
                    + DidYouMean.closest(name, byName.keySet().toList()).map(close -> " (did you mean " + close + "?)").getOrElse("")
                    + "; available: " + byName.keySet().mkString(", "));
        }

        /** None for a plugin built before versions existed (API 1 had no {@code apiVersion()}). */
        private static Option<Integer> apiVersion(AgentPlugin plugin) {
            try {
                return Option.some(plugin.apiVersion());
            } catch (AbstractMethodError unversioned) {
                return Option.none();
            }
        }

        /** The plugin's class and the jar (or directory) it came from. */
        private static String origin(Object plugin) {
            Class<?> type = plugin.getClass();
            return type.getName() + Option.of(type.getProtectionDomain().getCodeSource())
                    .flatMap(source -> Option.of(source.getLocation()))
                    .map(location -> " (" + location + ")")
                    .getOrElse("");
        }
    }
}
