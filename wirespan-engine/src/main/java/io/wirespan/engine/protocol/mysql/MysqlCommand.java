package io.wirespan.engine.protocol.mysql;

/** Client command bytes (Command Phase, {@code enum_server_command}) and their {@code COM_*} names. */
final class MysqlCommand {
    static final int QUIT = 0x01, INIT_DB = 0x02, QUERY = 0x03, FIELD_LIST = 0x04, STATISTICS = 0x09,
            PING = 0x0e, STMT_PREPARE = 0x16, STMT_EXECUTE = 0x17, STMT_SEND_LONG_DATA = 0x18, STMT_CLOSE = 0x19,
            STMT_RESET = 0x1a, STMT_FETCH = 0x1c;

    private static final String[] NAMES = new String[0x20];

    static {
        String[] all = {"COM_SLEEP", "COM_QUIT", "COM_INIT_DB", "COM_QUERY", "COM_FIELD_LIST", "COM_CREATE_DB",
            "COM_DROP_DB", "COM_REFRESH", "COM_SHUTDOWN", "COM_STATISTICS", "COM_PROCESS_INFO", "COM_CONNECT",
            "COM_PROCESS_KILL", "COM_DEBUG", "COM_PING", "COM_TIME", "COM_DELAYED_INSERT", "COM_CHANGE_USER",
            "COM_BINLOG_DUMP", "COM_TABLE_DUMP", "COM_CONNECT_OUT", "COM_REGISTER_SLAVE", "COM_STMT_PREPARE",
            "COM_STMT_EXECUTE", "COM_STMT_SEND_LONG_DATA", "COM_STMT_CLOSE", "COM_STMT_RESET", "COM_SET_OPTION",
            "COM_STMT_FETCH", "COM_DAEMON", "COM_BINLOG_DUMP_GTID", "COM_RESET_CONNECTION"};
        System.arraycopy(all, 0, NAMES, 0, all.length);
    }

    private MysqlCommand() {}

    /** The {@code COM_*} name, or null for a byte that is no command. */
    static String name(int command) {
        return command >= 0 && command < NAMES.length ? NAMES[command] : null;
    }

    /** The commands a call log is made of (DeepFlow's set, plus COM_STMT_RESET). */
    static boolean logged(int command) {
        return switch (command) {
            case QUIT, INIT_DB, QUERY, FIELD_LIST, PING, STMT_PREPARE, STMT_EXECUTE, STMT_CLOSE, STMT_RESET, STMT_FETCH -> true;
            default -> false;
        };
    }

    /** Commands the server never answers: a call log of their own. */
    static boolean unanswered(int command) {
        return command == QUIT || command == STMT_CLOSE;
    }
}
