package io.ipseckeyagent.bootstrap.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import io.ipseckeyagent.bootstrap.config.RunOptions;
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
        assertThat(catalog.publisherNames()).containsExactly(CiliumNodePublisherPlugin.NAME);
        assertThat(catalog.datapathNames()).containsExactly(StateFileDatapathPlugin.NAME);
        assertThat(RunOptions.KEY_SOURCE.defaultValue()).contains(FileKeySourcePlugin.NAME);
        assertThat(RunOptions.PUBLISHER.defaultValue()).contains(CiliumNodePublisherPlugin.NAME);
        assertThat(RunOptions.DATAPATH.defaultValue()).contains(StateFileDatapathPlugin.NAME);
        assertThat(catalog.choose("file", "cilium-node", "state-file").map(ChosenPlugins::keySource).toOption())
                .singleElement().isInstanceOf(FileKeySourcePlugin.class);
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
    void twoPluginsOfOneKindWithTheSameNameAreAnError() throws IOException {
        TestPlugins.jarListing(temp.resolve("plugins"), "impostor.jar", TestPlugins.AnotherFile.class.getName());

        Validation<Seq<String>, PluginCatalog> catalog = PluginCatalog.discover(loader(Option.some(temp.resolve("plugins"))));

        assertThat(catalog.getError()).singleElement().asString()
                .startsWith("two key source plugins are named \"file\": " + FileKeySourcePlugin.class.getName())
                .contains(" and " + TestPlugins.AnotherFile.class.getName())
                .endsWith("; remove one from the class path or --plugin-dir");
    }

    @Test
    void aPluginThatCannotBeLoadedIsAProblemNotACrash() throws IOException {
        TestPlugins.jarListing(temp.resolve("plugins"), "broken.jar", "com.example.Missing");

        Validation<Seq<String>, PluginCatalog> catalog = PluginCatalog.discover(loader(Option.some(temp.resolve("plugins"))));

        assertThat(catalog.getError()).singleElement().asString()
                .startsWith("cannot load a key source plugin: ").contains("com.example.Missing");
    }

    @Test
    void aPluginDirectoryThatIsNotOneIsAProblemNamingTheFlag() {
        assertThat(PluginJars.classLoader(Option.some(temp.resolve("absent")), AGENT).getLeft())
                .isEqualTo("--plugin-dir " + temp.resolve("absent") + ": not a directory");
        assertThat(PluginJars.classLoader(Option.none(), AGENT).toOption()).containsExactly(AGENT);
    }

    private PluginCatalog discover(Option<Path> pluginDir) {
        return PluginCatalog.discover(loader(pluginDir)).toEither().getOrElseThrow(problems -> new AssertionError(problems.mkString("; ")));
    }

    private static ClassLoader loader(Option<Path> pluginDir) {
        return PluginJars.classLoader(pluginDir, AGENT).getOrElseThrow(problem -> new AssertionError(problem));
    }
}
