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
 * The plugins of a run: {@code --wasm-plugin} files in the order given, then {@code --plugin-dir}'s
 * {@code .wasm} files in name order, for the Wasm host; and the directory's Java plugin jars on a
 * class loader the protocol engine searches for {@code io.wirespan.api.L7ProtocolProvider}s.
 */
record PluginSources(ClassLoader javaPlugins, List<Path> wasmFiles) {

    static PluginSources of(Path directory, List<Path> wasmPlugins) throws IOException, BadInputException {
        ClassLoader parent = PluginSources.class.getClassLoader();
        List<Path> wasm = new ArrayList<>();
        for (Path file : wasmPlugins) {
            if (!Files.isRegularFile(file)) throw new BadInputException(file + ": no such plugin file");
            wasm.add(file);
        }
        if (directory == null) return new PluginSources(parent, wasm);
        if (!Files.isDirectory(directory)) throw new BadInputException(directory + ": not a directory");
        List<URL> jars = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.sorted().toList()) {
                String name = file.getFileName().toString();
                if (name.endsWith(".jar")) jars.add(url(file));
                else if (name.endsWith(".wasm")) wasm.add(file);
            }
        }
        ClassLoader loader = jars.isEmpty() ? parent : new URLClassLoader("wirespan-plugins", jars.toArray(URL[]::new), parent);
        return new PluginSources(loader, wasm);
    }

    private static URL url(Path jar) throws BadInputException {
        try {
            return jar.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new BadInputException(jar + ": not a loadable path");
        }
    }
}
