package io.wirespan.cli.plugin;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

/** Java plugin jars as their authors ship them: the compiled class and the service entry, nothing else. */
public final class PluginJars {
    private PluginJars() {}

    /** Writes the {@link KvPluginProtocol} plugin to {@code jar}. */
    public static Path writeKv(Path jar) throws IOException {
        String classFile = KvPluginProtocol.class.getName().replace('.', '/') + ".class";
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
             InputStream compiled = KvPluginProtocol.class.getClassLoader().getResourceAsStream(classFile)) {
            out.putNextEntry(new JarEntry(classFile));
            compiled.transferTo(out);
            out.putNextEntry(new JarEntry("META-INF/services/io.wirespan.api.L7ProtocolProvider"));
            out.write((KvPluginProtocol.class.getName() + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return jar;
    }
}
