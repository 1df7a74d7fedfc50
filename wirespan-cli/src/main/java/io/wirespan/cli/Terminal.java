package io.wirespan.cli;

/**
 * Whether stdout and stderr are terminals. Java can only tell for the console as a whole, so the
 * launcher script, which can ask the shell ({@code [ -t 1 ]}), passes the answer in the environment.
 */
record Terminal(boolean stdoutIsTerminal, boolean stderrIsTerminal) {

    static Terminal detect() {
        boolean console = System.console() != null && System.console().isTerminal();
        return new Terminal(flag("WIRESPAN_STDOUT_TTY", console), flag("WIRESPAN_STDERR_TTY", console));
    }

    private static boolean flag(String name, boolean fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value.equals("1");
    }
}
