package io.wirespan.cli;

import io.wirespan.engine.capture.CaptureFormatException;
import io.wirespan.engine.config.ConfigException;
import io.wirespan.engine.protocol.PluginException;
import java.io.FileNotFoundException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code wirespan} command. Exit codes: 0 success, 1 runtime failure, 2 bad input. */
@Command(name = "wirespan",
        mixinStandardHelpOptions = true,
        versionProvider = WirespanCommand.Version.class,
        description = "Turns network traffic into call logs, RED metrics and traces, with no change to the applications.",
        subcommands = {DemoCommand.class, ParseCommand.class, AgentCommand.class, ServerCommand.class, QueryCommand.class, PluginCommand.class,
                ConfigCommand.class, CommandLine.HelpCommand.class})
public final class WirespanCommand {
    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILURE = 1;
    public static final int EXIT_BAD_INPUT = 2;

    @Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT,
            description = "Print stack traces of errors.")
    boolean debug;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code (tests call this instead of main). */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new WirespanCommand());
        cli.setExecutionExceptionHandler(WirespanCommand::handleFailure);
        cli.setParameterExceptionHandler(WirespanCommand::handleUsageError);
        return cli.execute(args);
    }

    private static int handleFailure(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
        PrintWriter err = cli.getErr();
        boolean badInput = e instanceof ConfigException || e instanceof CaptureFormatException
                || e instanceof NoSuchFileException || e instanceof AccessDeniedException
                || e instanceof FileNotFoundException || e instanceof BadInputException || e instanceof PluginException;
        String message = switch (e) {
            case NoSuchFileException missing -> missing.getFile() + ": no such file";
            case AccessDeniedException denied -> denied.getFile() + ": permission denied";
            default -> e.getMessage() == null ? e.toString() : e.getMessage();
        };
        err.println("wirespan: " + message);
        if (isDebug(parsed)) e.printStackTrace(err);
        err.flush();
        return badInput ? EXIT_BAD_INPUT : EXIT_FAILURE;
    }

    private static int handleUsageError(CommandLine.ParameterException e, String[] args) {
        PrintWriter err = e.getCommandLine().getErr();
        err.println("wirespan: " + e.getMessage());
        err.println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
        err.flush();
        return EXIT_BAD_INPUT;
    }

    private static boolean isDebug(CommandLine.ParseResult parsed) {
        for (CommandLine.ParseResult r = parsed; r != null; r = r.subcommand()) {
            if (r.hasMatchedOption("--debug")) return true;
        }
        return false;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = WirespanCommand.class.getPackage().getImplementationVersion();
            return new String[] {"wirespan " + (version == null ? "development build" : version)
                    + " (Java " + Runtime.version() + ")"};
        }
    }
}
