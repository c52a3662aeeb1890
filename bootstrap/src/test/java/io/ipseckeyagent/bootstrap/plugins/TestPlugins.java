package io.ipseckeyagent.bootstrap.plugins;

import io.ipseckeyagent.adapters.fs.FileKeySourcePlugin;
import io.ipseckeyagent.application.port.out.KeyFileContent;
import io.ipseckeyagent.application.port.out.KeyFileReadFailure;
import io.ipseckeyagent.application.port.out.KeyFileSourcePort;
import io.ipseckeyagent.plugin.KeySourcePlugin;
import io.ipseckeyagent.plugin.PluginContext;
import io.vavr.control.Either;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

/** Plugins that no {@code META-INF/services} of the class path lists: only the jars written here do. */
public final class TestPlugins {
    private TestPlugins() {}

    /** A key source named {@code from-jar} that never finds its keys. */
    public static final class FromJar implements KeySourcePlugin {
        @Override
        public String name() {
            return "from-jar";
        }

        @Override
        public int apiVersion() {
            return API_VERSION;
        }

        @Override
        public KeyFileSourcePort keySource(PluginContext context) {
            return new KeyFileSourcePort() {
                @Override
                public String location() {
                    return "nowhere";
                }

                @Override
                public Either<KeyFileReadFailure, KeyFileContent> read() {
                    return Either.left(new KeyFileReadFailure.Missing(location()));
                }
            };
        }
    }

    /** A second key source calling itself {@code file}, like the built-in. */
    public static final class AnotherFile implements KeySourcePlugin {
        @Override
        public String name() {
            return FileKeySourcePlugin.NAME;
        }

        @Override
        public int apiVersion() {
            return API_VERSION;
        }

        @Override
        public KeyFileSourcePort keySource(PluginContext context) {
            throw new UnsupportedOperationException("never chosen");
        }
    }

    /** A key source named {@code failing} whose adapter cannot be made. */
    public static final class Failing implements KeySourcePlugin {
        @Override
        public String name() {
            return "failing";
        }

        @Override
        public int apiVersion() {
            return API_VERSION;
        }

        @Override
        public KeyFileSourcePort keySource(PluginContext context) {
            throw new IllegalStateException("no vault token");
        }
    }

    /** A key source built for the first plugin API. */
    public static final class OldApi implements KeySourcePlugin {
        @Override
        public String name() {
            return "old-api";
        }

        @Override
        public int apiVersion() {
            return 1;
        }

        @Override
        public KeyFileSourcePort keySource(PluginContext context) {
            throw new UnsupportedOperationException("never chosen");
        }
    }

    /**
     * A plugin jar in {@code dir} whose {@code META-INF/services} lists {@code keySources}, holding
     * the classes of this file (its plugins), as a real plugin jar holds its own classes.
     */
    public static Path jarListing(Path dir, String jarName, String... keySources) throws IOException {
        Path jar = Files.createDirectories(dir).resolve(jarName);
        StringBuilder services = new StringBuilder();
        for (String className : keySources) {
            services.append(className).append('\n');
        }
        Path classes = Path.of(URI.create(TestPlugins.class.getProtectionDomain().getCodeSource().getLocation().toString()));
        String packagePath = TestPlugins.class.getPackageName().replace('.', '/');
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file);
                DirectoryStream<Path> own = Files.newDirectoryStream(classes.resolve(packagePath), "TestPlugins*.class")) {
            out.putNextEntry(new JarEntry("META-INF/services/" + KeySourcePlugin.class.getName()));
            out.write(services.toString().getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
            for (Path type : own) {
                out.putNextEntry(new JarEntry(packagePath + "/" + type.getFileName()));
                out.write(Files.readAllBytes(type));
                out.closeEntry();
            }
        }
        return jar;
    }
}
