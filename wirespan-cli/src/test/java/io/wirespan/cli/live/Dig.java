package io.wirespan.cli.live;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs the real dig against 127.0.0.1 and records what it printed: the DNS id, RCODE and answers. */
final class Dig {
    private static final Pattern HEADER = Pattern.compile(";; ->>HEADER<<- opcode: (\\w+), status: (\\w+), id: (\\d+)");

    /** One query as dig saw it; {@code answers} are the answer records as "TYPE=value TTL=n". */
    record Query(String name, String type, boolean tcp, int id, String rcodeName, List<String> answers, boolean authority) {
        int rcode() {
            return switch (rcodeName) {
                case "NOERROR" -> 0;
                case "FORMERR" -> 1;
                case "SERVFAIL" -> 2;
                case "NXDOMAIN" -> 3;
                case "NOTIMP" -> 4;
                case "REFUSED" -> 5;
                default -> throw new AssertionError("rcode " + rcodeName);
            };
        }
    }

    private Dig() {}

    static Query query(int port, String name, String type, boolean tcp) {
        String dig = Binaries.require("dig", "dnsutils");
        List<String> command = new ArrayList<>(List.of(dig, "@127.0.0.1", "-p", Integer.toString(port), "+tries=1", "+time=3"));
        if (tcp) command.add("+tcp");
        command.addAll(List.of(name, type));
        Programs.Result result = Programs.run(command);
        Matcher header = HEADER.matcher(result.out());
        if (result.exitCode() != 0 || !header.find()) {
            throw new AssertionError("dig failed (" + result.exitCode() + "): " + command + "\n" + result.out() + result.err());
        }
        List<String> answers = new ArrayList<>();
        boolean inAnswer = false, authority = false;
        for (String line : result.out().lines().toList()) {
            if (line.startsWith(";; ANSWER SECTION:")) {
                inAnswer = true;
            } else if (line.startsWith(";; AUTHORITY SECTION:")) {
                authority = true;
                inAnswer = false;
            } else if (line.isBlank() || line.startsWith(";")) {
                inAnswer = false;
            } else if (inAnswer) {
                String[] f = line.trim().split("\\s+"); // name ttl class type value
                answers.add(f[3] + "=" + f[4] + " TTL=" + f[1]);
            }
        }
        return new Query(name, type, tcp, Integer.parseInt(header.group(3)), header.group(2), List.copyOf(answers), authority);
    }
}
