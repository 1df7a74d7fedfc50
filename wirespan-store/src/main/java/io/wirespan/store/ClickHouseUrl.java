package io.wirespan.store;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where a ClickHouse server is and who logs in: {@code http(s)://[user[:password]@]host[:port][/database]}.
 * The port defaults to 8123 for http and 8443 for https, the database to {@code default}, and user
 * and password are percent-decoded from the URL's user info (none: ClickHouse's {@code default}
 * user). {@link #display()} is the URL without the password, for messages.
 *
 * @param server the HTTP interface's root, e.g. {@code http://127.0.0.1:8123/}
 * @param user null for the server's default user
 * @param password null when the URL has none
 */
record ClickHouseUrl(URI server, String database, String user, String password) {
    static final String FORM = "http(s)://[user[:password]@]host[:port][/database]";
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /** The parts of {@code url}, or an IllegalArgumentException saying what is wrong with it (never its password). */
    static ClickHouseUrl parse(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) throw bad(url, "the scheme must be http or https");
        if (url.getHost() == null) throw bad(url, "it names no host");
        if (url.getRawQuery() != null || url.getRawFragment() != null) throw bad(url, "it may not have a ?query or #fragment");
        String path = url.getPath() == null ? "" : url.getPath();
        String database = path.replaceAll("^/|/$", "");
        if (database.isEmpty()) database = "default";
        if (!NAME.matcher(database).matches()) throw bad(url, "the database must be a plain name (letters, digits, _)");
        int port = url.getPort() >= 0 ? url.getPort() : scheme.equals("https") ? 8443 : 8123;
        String user = null, password = null;
        String info = url.getRawUserInfo();
        if (info != null) {
            int colon = info.indexOf(':');
            user = decode(colon < 0 ? info : info.substring(0, colon));
            password = colon < 0 ? null : decode(info.substring(colon + 1));
        }
        try {
            return new ClickHouseUrl(new URI(scheme, null, url.getHost(), port, "/", null, null), database, user, password);
        } catch (URISyntaxException e) {
            throw bad(url, e.getMessage());
        }
    }

    /** The URL as messages show it: user but no password. */
    String display() {
        String authority = server.getRawAuthority();
        return server.getScheme() + "://" + (user == null ? "" : user + "@") + authority + "/" + database;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static IllegalArgumentException bad(URI url, String why) {
        String shown = url.getRawUserInfo() == null ? url.toString() : url.toString().replace(url.getRawUserInfo() + "@", "");
        return new IllegalArgumentException("not a ClickHouse URL (" + FORM + "): " + why + ": " + shown);
    }
}
