package io.ipseckeyagent.bootstrap.plugins;

import io.ipseckeyagent.bootstrap.config.DidYouMean;
import io.ipseckeyagent.bootstrap.config.RunOptions;
import io.ipseckeyagent.plugin.DatapathPlugin;
import io.ipseckeyagent.plugin.KeySourcePlugin;
import io.ipseckeyagent.plugin.PublisherPlugin;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.collection.SortedMap;
import io.vavr.collection.SortedSet;
import io.vavr.collection.TreeMap;
import io.vavr.control.Option;
import io.vavr.control.Validation;
import java.util.Iterator;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Function;

/**
 * Every plugin a class loader can see, found with {@link ServiceLoader}, by kind and name. The
 * built-in adapters are found the same way (the agent jar lists them in {@code META-INF/services}).
 */
public final class PluginCatalog {
    private final Kind<KeySourcePlugin> keySources;
    private final Kind<PublisherPlugin> publishers;
    private final Kind<DatapathPlugin> datapaths;

    private PluginCatalog(Kind<KeySourcePlugin> keySources, Kind<PublisherPlugin> publishers, Kind<DatapathPlugin> datapaths) {
        this.keySources = keySources;
        this.publishers = publishers;
        this.datapaths = datapaths;
    }

    /** Loads every plugin {@code loader} sees; plugins that fail to load and names taken twice are problems. */
    public static Validation<Seq<String>, PluginCatalog> discover(ClassLoader loader) {
        Kind<KeySourcePlugin> keySources = Kind.load("key source", RunOptions.KEY_SOURCE.flag(), KeySourcePlugin.class,
                KeySourcePlugin::name, loader);
        Kind<PublisherPlugin> publishers = Kind.load("publisher", RunOptions.PUBLISHER.flag(), PublisherPlugin.class,
                PublisherPlugin::name, loader);
        Kind<DatapathPlugin> datapaths = Kind.load("datapath", RunOptions.DATAPATH.flag(), DatapathPlugin.class,
                DatapathPlugin::name, loader);
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

    public SortedSet<String> keySourceNames() {
        return keySources.byName.keySet();
    }

    public SortedSet<String> publisherNames() {
        return publishers.byName.keySet();
    }

    public SortedSet<String> datapathNames() {
        return datapaths.byName.keySet();
    }

    /** The plugins of one interface, by name, and what went wrong while loading them. */
    private record Kind<P>(String noun, String flag, SortedMap<String, P> byName, List<String> problems) {

        static <P> Kind<P> load(String noun, String flag, Class<P> type, Function<P, String> nameOf, ClassLoader loader) {
            Kind<P> kind = new Kind<>(noun, flag, TreeMap.empty(), List.empty());
            Iterator<P> plugins = ServiceLoader.load(type, loader).iterator();
            while (true) {
                try {
                    if (!plugins.hasNext()) {
                        return kind;
                    }
                    kind = kind.with(plugins.next(), nameOf);
                } catch (ServiceConfigurationError | RuntimeException e) {
                    kind = kind.withProblem("cannot load a " + noun + " plugin: " + e.getMessage());
                }
            }
        }

        Kind<P> with(P plugin, Function<P, String> nameOf) {
            String name = nameOf.apply(plugin);
            return byName.get(name).fold(
                    () -> new Kind<>(noun, flag, byName.put(name, plugin), problems),
                    taken -> withProblem("two " + noun + " plugins are named \"" + name + "\": " + origin(taken)
                            + " and " + origin(plugin) + "; remove one from the class path or " + RunOptions.PLUGIN_DIR.flag()));
        }

        Kind<P> withProblem(String problem) {
            return new Kind<>(noun, flag, byName, problems.append(problem));
        }

        Validation<String, P> named(String name) {
            return byName.get(name).toValid(() -> flag + ": no " + noun + " plugin is named \"" + name + "\""
                    + DidYouMean.closest(name, byName.keySet().toList()).map(close -> " (did you mean " + close + "?)").getOrElse("")
                    + "; available: " + byName.keySet().mkString(", "));
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
