package io.wirespan.cli;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code --plugin-dir}: the Java plugin jars of a directory, on a class loader the protocol engine
 * searches for {@code io.wirespan.api.L7ProtocolProvider}s. WebAssembly plugins ({@code .wasm}) are
 * loaded by the Wasm host, which is not part of Wirespan yet: finding one is an error rather than
 * a silent skip.
 */
final class PluginDirectory {
    private PluginDirectory() {}

    static ClassLoader classLoader(Path directory) throws IOException, BadInputException {
        ClassLoader parent = PluginDirectory.class.getClassLoader();
        if (directory == null) return parent;
        if (!Files.isDirectory(directory)) throw new BadInputException(directory + ": not a directory");
        List<URL> jars = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.sorted().toList()) {
                String name = file.getFileName().toString();
                if (name.endsWith(".jar")) {
                    jars.add(url(file));
                } else if (name.endsWith(".wasm")) {
                    throw new BadInputException(file + ": WebAssembly plugins are not supported by this version;"
                            + " only Java plugin jars are");
                }
            }
        }
        return jars.isEmpty() ? parent : new URLClassLoader("wirespan-plugins", jars.toArray(URL[]::new), parent);
    }

    private static URL url(Path jar) throws BadInputException {
        try {
            return jar.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new BadInputException(jar + ": not a loadable path");
        }
    }
}
