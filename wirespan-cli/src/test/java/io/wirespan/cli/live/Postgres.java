package io.wirespan.cli.live;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A real PostgreSQL server (Debian's postgresql package): a fresh cluster made by initdb in a temp
 * folder, serving on a free loopback port, trusting every local connection of user {@link #USER}.
 * PostgreSQL refuses to run as root: as root, initdb and the server run as the {@code postgres}
 * user the package creates.
 */
final class Postgres implements AutoCloseable {
    static final String USER = "postgres";

    private final Path dir;
    private final int port;
    private final Process process;

    private Postgres(Path dir, int port, Process process) {
        this.dir = dir;
        this.port = port;
        this.process = process;
    }

    static Postgres start() {
        Path dir;
        List<String> asServerUser = asServerUser();
        try {
            dir = Files.createTempDirectory("wirespan-postgres");
            if (!asServerUser.isEmpty()) {
                Files.setOwner(dir, dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(USER));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path data = dir.resolve("data");
        List<String> initdb = new ArrayList<>(asServerUser);
        initdb.addAll(List.of(Binaries.requirePostgres("initdb"), "-D", data.toString(), "-U", USER, "-A", "trust",
                "-E", "UTF8", "--locale=C", "--no-sync"));
        Programs.Result init = Programs.run(initdb);
        if (init.exitCode() != 0) {
            Programs.deleteTree(dir);
            throw new AssertionError("initdb failed (" + init.exitCode() + "): " + initdb + "\n" + init.out() + init.err());
        }
        int port = Loopback.freePort();
        List<String> server = new ArrayList<>(asServerUser);
        server.addAll(List.of(Binaries.requirePostgres("postgres"), "-D", data.toString(), "-k", dir.toString(),
                "-p", Integer.toString(port), "-c", "listen_addresses=" + Loopback.ADDRESS, "-c", "fsync=off"));
        Process p = Programs.start(server, dir.resolve("postgres.out"));
        Postgres postgres = new Postgres(dir, port, p);
        try {
            Loopback.awaitListening(port, Loopback.Transport.TCP, p, postgres::logs);
        } catch (AssertionError e) {
            postgres.close();
            throw e;
        }
        return postgres;
    }

    /** setpriv (util-linux) runs the program itself as the postgres user, so stopping the process stops the server. */
    private static List<String> asServerUser() {
        if (!"root".equals(System.getProperty("user.name"))) return List.of();
        return List.of(Binaries.require("setpriv", "util-linux"), "--reuid=" + USER, "--regid=" + USER, "--init-groups", "--");
    }

    int port() {
        return port;
    }

    /** SQLSTATE to condition name, from the server's own errcodes.txt (e.g. 23505 → unique_violation). */
    static Map<String, String> conditionNames() {
        Path postgres = Path.of(Binaries.requirePostgres("postgres"));
        String major = postgres.getParent().getParent().getFileName().toString();
        Path errcodes = Path.of("/usr/share/postgresql", major, "errcodes.txt");
        Map<String, String> names = new HashMap<>();
        try {
            for (String line : Files.readAllLines(errcodes)) {
                String[] f = line.trim().split("\\s+");
                if (f.length == 4 && f[0].matches("[0-9A-Z]{5}")) names.put(f[0], f[3]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (names.isEmpty()) throw new AssertionError("no SQLSTATE in " + errcodes);
        return names;
    }

    String logs() {
        return Programs.read(dir.resolve("postgres.out"));
    }

    @Override
    public void close() {
        if (process.isAlive()) Programs.signal(process, 2); // fast shutdown: clients are gone anyway
        Programs.stop(process);
        Programs.deleteTree(dir);
    }
}
