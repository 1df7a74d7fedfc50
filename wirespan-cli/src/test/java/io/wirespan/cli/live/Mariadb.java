package io.wirespan.cli.live;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A real MariaDB server (Debian's mariadb-server): a fresh data folder made by mariadb-install-db,
 * serving on a free loopback port, with a database {@link #DATABASE} and a user {@link #USER}
 * (password {@link #PASSWORD}) allowed everything from 127.0.0.1.
 */
final class Mariadb implements AutoCloseable {
    static final String USER = "app";
    static final String PASSWORD = "secret";
    static final String DATABASE = "shop";
    /** Small InnoDB files: the default redo log alone is 96 MiB. */
    private static final List<String> SMALL = List.of("--innodb-log-file-size=4M", "--innodb-buffer-pool-size=16M");

    private final Path dir;
    private final int port;
    private final Process process;

    private Mariadb(Path dir, int port, Process process) {
        this.dir = dir;
        this.port = port;
        this.process = process;
    }

    static Mariadb start() {
        String installDb = Binaries.require("mariadb-install-db", "mariadb-server");
        String mariadbd = Binaries.require("mariadbd", "mariadb-server");
        String user = System.getProperty("user.name"); // mariadbd run by root must be told so
        Path dir;
        try {
            dir = Files.createTempDirectory("wirespan-mariadb");
            Files.writeString(dir.resolve("init.sql"), """
                    CREATE DATABASE %3$s;
                    CREATE USER '%1$s'@'127.0.0.1' IDENTIFIED BY '%2$s';
                    GRANT ALL ON *.* TO '%1$s'@'127.0.0.1';
                    """.formatted(USER, PASSWORD, DATABASE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path data = dir.resolve("data");
        List<String> install = new ArrayList<>(List.of(installDb, "--no-defaults", "--datadir=" + data, "--user=" + user,
                "--auth-root-authentication-method=normal", "--skip-test-db"));
        install.addAll(SMALL);
        Programs.Result installed = Programs.run(install);
        if (installed.exitCode() != 0) {
            Programs.deleteTree(dir);
            throw new AssertionError("mariadb-install-db failed (" + installed.exitCode() + "): " + install + "\n"
                    + installed.out() + installed.err());
        }
        int port = Loopback.freePort();
        List<String> server = new ArrayList<>(List.of(mariadbd, "--no-defaults", "--datadir=" + data, "--user=" + user,
                "--port=" + port, "--bind-address=" + Loopback.ADDRESS, "--socket=" + dir.resolve("mariadbd.sock"),
                "--pid-file=" + dir.resolve("mariadbd.pid"), "--log-error=" + dir.resolve("error.log"),
                "--skip-name-resolve", "--skip-log-bin", "--init-file=" + dir.resolve("init.sql")));
        server.addAll(SMALL);
        Process p = Programs.start(server, dir.resolve("mariadbd.out"));
        Mariadb mariadb = new Mariadb(dir, port, p);
        try {
            Loopback.awaitListening(port, Loopback.Transport.TCP, p, mariadb::logs);
        } catch (AssertionError e) {
            mariadb.close();
            throw e;
        }
        return mariadb;
    }

    int port() {
        return port;
    }

    String logs() {
        return Programs.read(dir.resolve("mariadbd.out")) + Programs.read(dir.resolve("error.log"));
    }

    @Override
    public void close() {
        Programs.stop(process);
        Programs.deleteTree(dir);
    }
}
