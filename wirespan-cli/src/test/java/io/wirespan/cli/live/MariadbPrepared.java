package io.wirespan.cli.live;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Prepared statements over MySQL's binary protocol (COM_STMT_PREPARE, COM_STMT_EXECUTE), which the
 * mariadb command-line client cannot send: a few lines of Perl on DBD::MariaDB, which runs them
 * through MariaDB Connector/C with {@code mariadb_server_prepare=1}, reporting each step as it went.
 */
final class MariadbPrepared {
    /** A statement to prepare, and the parameters of each run of it. */
    record Statement(String sql, List<List<String>> runs) {}

    /** One run as the client saw it: the rows fetched or affected, or the error. */
    record Run(List<String> parameters, Long rows, MariadbClient.Error error) {}

    /** A statement the client prepared, and its runs. */
    record Prepared(String sql, List<Run> runs) {}

    private static final String SCRIPT = """
            use strict; use warnings; use DBI;
            my ($port, $user, $password, $database, @statements) = @ARGV;
            my $dbh = DBI->connect("DBI:MariaDB:database=$database;host=127.0.0.1;port=$port;mariadb_server_prepare=1",
                $user, $password, {RaiseError => 0, PrintError => 0, AutoCommit => 1}) or die DBI->errstr;
            $| = 1;
            my @handles;
            for my $statement (@statements) {
                my ($sql, @runs) = split /\\t/, $statement;
                my $sth = $dbh->prepare($sql) or die $dbh->errstr;
                push @handles, $sth;
                print "prepare\\t$sql\\n";
                for my $run (@runs) {
                    my @parameters = split /,/, $run;
                    my $n = $sth->execute(@parameters);
                    if (!defined $n) { print "execute\\t$run\\terror\\t", $dbh->err, "\\t", $dbh->errstr, "\\n"; next; }
                    $n = scalar @{$sth->fetchall_arrayref} if $sth->{NUM_OF_FIELDS};
                    print "execute\\t$run\\trows\\t", $n + 0, "\\n";
                }
            }
            @handles = ();
            $dbh->disconnect;
            """;

    private MariadbPrepared() {}

    /**
     * Prepares each statement and runs it once per parameter list.
     *
     * @param statements SQL with {@code ?} placeholders, each followed by its parameter lists
     */
    static List<Prepared> run(int port, Path work, List<Statement> statements) {
        String perl = Binaries.require("perl", "perl");
        Path script = work.resolve("prepared.pl");
        try {
            Files.writeString(script, SCRIPT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> command = new ArrayList<>(List.of(perl, script.toString(), Integer.toString(port), Mariadb.USER,
                Mariadb.PASSWORD, Mariadb.DATABASE));
        for (Statement s : statements) {
            List<String> fields = new ArrayList<>(List.of(s.sql()));
            for (List<String> parameters : s.runs()) fields.add(String.join(",", parameters));
            command.add(String.join("\t", fields));
        }
        Programs.Result result = Programs.run(command);
        if (result.exitCode() != 0) {
            throw new AssertionError("the DBD::MariaDB client failed (" + result.exitCode() + "; it needs apt-get install"
                    + " libdbd-mariadb-perl, which .ci/run installs):\n" + result.out() + result.err());
        }
        List<Prepared> reported = new ArrayList<>();
        for (String line : result.out().lines().toList()) {
            String[] f = line.split("\t");
            if (f[0].equals("prepare")) {
                reported.add(new Prepared(f[1], new ArrayList<>()));
            } else if (f[0].equals("execute") && !reported.isEmpty()) {
                List<String> parameters = List.of(f[1].split(","));
                reported.getLast().runs().add(f[2].equals("rows")
                        ? new Run(parameters, Long.parseLong(f[3]), null)
                        : new Run(parameters, null, new MariadbClient.Error(Integer.parseInt(f[3]), null, f[4])));
            }
        }
        return reported.stream().map(p -> new Prepared(p.sql(), List.copyOf(p.runs()))).toList();
    }
}
