package io.ipseckeyagent.bootstrap.plugins;

import io.ipseckeyagent.adapters.fs.FileKeySourcePlugin;
import io.ipseckeyagent.adapters.fs.StateFileDatapathPlugin;
import io.ipseckeyagent.adapters.k8s.CiliumNodePublisherPlugin;
import io.ipseckeyagent.pluginhost.ChosenPlugins;
import io.ipseckeyagent.pluginhost.PluginCatalog;
import io.ipseckeyagent.pluginhost.PluginJars;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ipseckeyagent.application.port.out.KeyFileSourcePort;
import io.ipseckeyagent.bootstrap.config.RunOptions;
import io.ipseckeyagent.domain.key.NodeName;
import io.ipseckeyagent.plugin.AgentPlugin;
import io.ipseckeyagent.plugin.KeySourcePlugin;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Option;
import io.vavr.control.Validation;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginCatalogTest {
    private static final ClassLoader AGENT = PluginCatalogTest.class.getClassLoader();

    @TempDir
    Path temp;

    @Test
    void theBuiltInsAreFoundThroughServiceLoaderUnderTheConfigurationsDefaultNames() {
        PluginCatalog catalog = discover(Option.none());

        assertThat(catalog.keySourceNames()).containsExactly(FileKeySourcePlugin.NAME);
        assertThat(RunOptions.KEY_SOURCE.defaultValue()).contains(FileKeySourcePlugin.NAME);
        assertThat(RunOptions.PUBLISHER.defaultValue()).contains(CiliumNodePublisherPlugin.NAME);
        assertThat(RunOptions.DATAPATH.defaultValue()).contains(StateFileDatapathPlugin.NAME);
        assertThat(catalog.choose("file", "cilium-node", "state-file").toOption()).singleElement().satisfies(chosen -> {
            assertThat(chosen.keySource()).isInstanceOf(FileKeySourcePlugin.class);
            assertThat(chosen.publisher()).isInstanceOf(CiliumNodePublisherPlugin.class);
            assertThat(chosen.datapath()).isInstanceOf(StateFileDatapathPlugin.class);
        });
    }

    @Test
    void everyUnknownNameIsReportedWithItsFlagAndTheNamesAvailable() {
        Validation<Seq<String>, ChosenPlugins> chosen = discover(Option.none()).choose("fiel", "annotation", "state-file");

        assertThat(chosen.getError()).containsExactly(
                "--key-source: no key source plugin is named \"fiel\" (did you mean file?); available: file",
                "--publisher: no publisher plugin is named \"annotation\"; available: cilium-node");
    }

    @Test
    void jarsInThePluginDirectoryAreSearchedToo() throws IOException {
        TestPlugins.jarListing(temp.resolve("plugins"), "from-jar.jar", TestPlugins.FromJar.class.getName());

        PluginCatalog catalog = discover(Option.some(temp.resolve("plugins")));

        assertThat(catalog.keySourceNames()).containsExactly("file", "from-jar");
        assertThat(discover(Option.none()).keySourceNames()).doesNotContain("from-jar");
    }

    @Test
    void aPluginJarSeesThePluginApiAndItsOwnClassesButNotTheAgentsInternals() throws Exception {
        TestPlugins.jarListing(temp.resolve("plugins"), "from-jar.jar", TestPlugins.FromJar.class.getName());

        KeySourcePlugin plugin = discover(Option.some(temp.resolve("plugins"))).choose("from-jar", "cilium-node", "state-file")
                .map(ChosenPlugins::keySource).toEither().getOrElseThrow(problems -> new AssertionError(problems.mkString("; ")));
        ClassLoader own = plugin.getClass().getClassLoader();

        assertThat(own).isNotSameAs(AGENT);
        assertThat(plugin.getClass()).isNotSameAs(TestPlugins.FromJar.class);
        assertThat(own.loadClass(KeySourcePlugin.class.getName())).isSameAs(KeySourcePlugin.class);
        assertThat(own.loadClass(KeyFileSourcePort.class.getName())).isSameAs(KeyFileSourcePort.class);
        assertThat(own.loadClass(NodeName.class.getName())).isSameAs(NodeName.class);
        assertThat(own.loadClass(Option.class.getName())).isSameAs(Option.class);
        for (String internal : new String[] {"io.ipseckeyagent.bootstrap.Main", FileKeySourcePlugin.class.getName(),
                "io.fabric8.kubernetes.client.KubernetesClient", "com.google.inject.Injector",
                "io.ipseckeyagent.application.service.RotationService", "io.ipseckeyagent.adapters.fs.FileSystemAdapters"}) {
            assertThat(AGENT.loadClass(internal)).as("on the agent's class path").isNotNull();
            assertThatThrownBy(() -> own.loadClass(internal)).as(internal).isInstanceOf(ClassNotFoundException.class);
        }
        assertThat(plugin.keySource(null).location()).isEqualTo("nowhere");
    }

    @Test
    void eachPluginOfTheDirectoryHasItsOwnLoaderAndADirectoryOfJarsIsOnePlugin() throws IOException {
        TestPlugins.jarListing(temp.resolve("plugins"), "a.jar", TestPlugins.FromJar.class.getName());
        TestPlugins.jarListing(temp.resolve("plugins/b"), "b.jar", TestPlugins.Failing.class.getName());

        List<ClassLoader> loaders = PluginJars.classLoaders(Option.some(temp.resolve("plugins")), AGENT).get();

        assertThat(loaders).hasSize(3).first().isSameAs(AGENT);
        assertThat(discover(Option.some(temp.resolve("plugins"))).keySourceNames()).containsExactly("failing", "file", "from-jar");
    }

    @Test
    void aPluginBuiltForAnotherPluginApiIsAProblemNamingIt() throws IOException {
        TestPlugins.jarListing(temp.resolve("plugins"), "old.jar", TestPlugins.OldApi.class.getName());

        Validation<Seq<String>, PluginCatalog> catalog = discovering(loader(Option.some(temp.resolve("plugins"))));

        assertThat(catalog.getError()).singleElement().asString()
                .startsWith("the key source plugin \"old-api\" is built for plugin API 1, this agent offers plugin API "
                        + AgentPlugin.API_VERSION + "; rebuild " + TestPlugins.OldApi.class.getName())
                .contains("old.jar")
                .endsWith("against this agent's plugin-api");
    }

    @Test
    void twoPluginsOfOneKindWithTheSameNameAreAnError() throws IOException {
        TestPlugins.jarListing(temp.resolve("plugins"), "impostor.jar", TestPlugins.AnotherFile.class.getName());

        Validation<Seq<String>, PluginCatalog> catalog = discovering(loader(Option.some(temp.resolve("plugins"))));

        assertThat(catalog.getError()).singleElement().asString()
                .startsWith("two key source plugins are named \"file\": " + FileKeySourcePlugin.class.getName())
                .contains(" and " + TestPlugins.AnotherFile.class.getName())
                .endsWith("; remove one from the class path or the plugin directory");
    }

    @Test
    void aPluginThatCannotBeLoadedIsAProblemNotACrash() throws IOException {
        TestPlugins.jarListing(temp.resolve("plugins"), "broken.jar", "com.example.Missing");

        Validation<Seq<String>, PluginCatalog> catalog = discovering(loader(Option.some(temp.resolve("plugins"))));

        assertThat(catalog.getError()).singleElement().asString()
                .startsWith("cannot load a key source plugin: ").contains("com.example.Missing");
    }

    @Test
    void aPluginDirectoryThatIsNotOneIsAProblemNamingIt() {
        assertThat(PluginJars.classLoaders(Option.some(temp.resolve("absent")), AGENT).getLeft())
                .isEqualTo(temp.resolve("absent") + ": not a directory");
        assertThat(PluginJars.classLoaders(Option.none(), AGENT).get()).containsExactly(AGENT);
    }

    private static Validation<Seq<String>, PluginCatalog> discovering(Seq<ClassLoader> loaders) {
        return PluginCatalog.discover(loaders, RunOptions.KEY_SOURCE.flag(), RunOptions.PUBLISHER.flag(), RunOptions.DATAPATH.flag());
    }

    private PluginCatalog discover(Option<Path> pluginDir) {
        return discovering(loader(pluginDir)).toEither().getOrElseThrow(problems -> new AssertionError(problems.mkString("; ")));
    }

    private static Seq<ClassLoader> loader(Option<Path> pluginDir) {
        return PluginJars.classLoaders(pluginDir, AGENT).getOrElseThrow(problem -> new AssertionError(problem));
    }
}
