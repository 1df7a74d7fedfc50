package io.wirespan.engine.protocol.postgresql;

import io.wirespan.api.ResponseStatus;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * SQLSTATE codes of an ErrorResponse (PostgreSQL manual, appendix "PostgreSQL Error Codes"): the
 * condition name of the common codes and the status of a code's class. Unknown codes keep their
 * class's status; a code of an unknown class is {@link ResponseStatus#UNKNOWN}.
 */
final class PostgresqlSqlState {
    /** Classes whose errors the client caused (bad input, bad SQL, bad state, bad credentials). */
    private static final Set<String> CLIENT_CLASSES = Set.of("03", "0A", "0B", "0F", "0L", "0P", "20", "22", "23",
            "26", "28", "2F", "34", "3D", "3F", "42");
    /** Classes of failures on the server's side (resources, shutdown, system, internal, PL/pgSQL). */
    private static final Set<String> SERVER_CLASSES = Set.of("08", "09", "0Z", "21", "24", "25", "27", "2B", "2D",
            "38", "39", "3B", "40", "44", "53", "54", "55", "57", "58", "72", "F0", "HV", "P0", "XX");

    private static final Map<String, String> NAMES = new HashMap<>();

    static {
        String[] table = {
            "00000", "successful_completion", "01000", "warning", "02000", "no_data",
            "03000", "sql_statement_not_yet_complete",
            "08000", "connection_exception", "08003", "connection_does_not_exist", "08006", "connection_failure",
            "08001", "sqlclient_unable_to_establish_sqlconnection",
            "08004", "sqlserver_rejected_establishment_of_sqlconnection", "08007", "transaction_resolution_unknown",
            "08P01", "protocol_violation",
            "09000", "triggered_action_exception", "0A000", "feature_not_supported",
            "0B000", "invalid_transaction_initiation", "0F000", "locator_exception", "0L000", "invalid_grantor",
            "0P000", "invalid_role_specification", "0Z000", "diagnostics_exception",
            "20000", "case_not_found", "21000", "cardinality_violation",
            "22000", "data_exception", "22001", "string_data_right_truncation", "22003", "numeric_value_out_of_range",
            "22004", "null_value_not_allowed", "22007", "invalid_datetime_format", "22008", "datetime_field_overflow",
            "22012", "division_by_zero", "22019", "invalid_escape_character", "22021", "character_not_in_repertoire",
            "22023", "invalid_parameter_value", "22025", "invalid_escape_sequence", "2202E", "array_subscript_error",
            "22026", "string_data_length_mismatch", "22P02", "invalid_text_representation",
            "22P03", "invalid_binary_representation", "22P04", "bad_copy_file_format",
            "22P05", "untranslatable_character", "22032", "invalid_json_text",
            "23000", "integrity_constraint_violation", "23001", "restrict_violation", "23502", "not_null_violation",
            "23503", "foreign_key_violation", "23505", "unique_violation", "23514", "check_violation",
            "23P01", "exclusion_violation",
            "24000", "invalid_cursor_state", "25000", "invalid_transaction_state", "25001", "active_sql_transaction",
            "25006", "read_only_sql_transaction", "25P01", "no_active_sql_transaction",
            "25P02", "in_failed_sql_transaction", "25P03", "idle_in_transaction_session_timeout",
            "26000", "invalid_sql_statement_name", "27000", "triggered_data_change_violation",
            "28000", "invalid_authorization_specification", "28P01", "invalid_password",
            "2B000", "dependent_privilege_descriptors_still_exist", "2D000", "invalid_transaction_termination",
            "2F000", "sql_routine_exception", "34000", "invalid_cursor_name", "38000", "external_routine_exception",
            "39000", "external_routine_invocation_exception", "3B000", "savepoint_exception",
            "3D000", "invalid_catalog_name", "3F000", "invalid_schema_name",
            "40000", "transaction_rollback", "40001", "serialization_failure",
            "40002", "transaction_integrity_constraint_violation", "40003", "statement_completion_unknown",
            "40P01", "deadlock_detected",
            "42000", "syntax_error_or_access_rule_violation", "42601", "syntax_error",
            "42501", "insufficient_privilege", "42846", "cannot_coerce", "42803", "grouping_error",
            "42P20", "windowing_error", "42P19", "invalid_recursion", "42830", "invalid_foreign_key",
            "42602", "invalid_name", "42622", "name_too_long", "42939", "reserved_name",
            "42804", "datatype_mismatch", "42P18", "indeterminate_datatype", "42P21", "collation_mismatch",
            "42809", "wrong_object_type", "428C9", "generated_always", "42703", "undefined_column",
            "42883", "undefined_function", "42P01", "undefined_table", "42P02", "undefined_parameter",
            "42704", "undefined_object", "42701", "duplicate_column", "42P03", "duplicate_cursor",
            "42P04", "duplicate_database", "42723", "duplicate_function", "42P05", "duplicate_prepared_statement",
            "42P06", "duplicate_schema", "42P07", "duplicate_table", "42712", "duplicate_alias",
            "42710", "duplicate_object", "42702", "ambiguous_column", "42725", "ambiguous_function",
            "42P08", "ambiguous_parameter", "42P09", "ambiguous_alias", "42P10", "invalid_column_reference",
            "42611", "invalid_column_definition", "42P11", "invalid_cursor_definition",
            "42P12", "invalid_database_definition", "42P13", "invalid_function_definition",
            "42P14", "invalid_prepared_statement_definition", "42P15", "invalid_schema_definition",
            "42P16", "invalid_table_definition", "42P17", "invalid_object_definition",
            "44000", "with_check_option_violation",
            "53000", "insufficient_resources", "53100", "disk_full", "53200", "out_of_memory",
            "53300", "too_many_connections", "53400", "configuration_limit_exceeded",
            "54000", "program_limit_exceeded", "54001", "statement_too_complex", "54011", "too_many_columns",
            "54023", "too_many_arguments",
            "55000", "object_not_in_prerequisite_state", "55006", "object_in_use",
            "55P03", "lock_not_available", "55P04", "unsafe_new_enum_value_usage",
            "57000", "operator_intervention", "57014", "query_canceled", "57P01", "admin_shutdown",
            "57P02", "crash_shutdown", "57P03", "cannot_connect_now", "57P04", "database_dropped",
            "57P05", "idle_session_timeout",
            "58000", "system_error", "58030", "io_error", "58P01", "undefined_file", "58P02", "duplicate_file",
            "72000", "snapshot_too_old", "F0000", "config_file_error", "F0001", "lock_file_exists",
            "HV000", "fdw_error", "P0000", "plpgsql_error", "P0001", "raise_exception",
            "P0002", "no_data_found", "P0003", "too_many_rows", "P0004", "assert_failure",
            "XX000", "internal_error", "XX001", "data_corrupted", "XX002", "index_corrupted",
        };
        for (int i = 0; i < table.length; i += 2) NAMES.put(table[i], table[i + 1]);
    }

    private PostgresqlSqlState() {}

    /** The condition name of a code, or null when this table does not know it. */
    static String name(String code) {
        return code == null ? null : NAMES.get(code);
    }

    /** The status of an error with this code, decided by its class (the first two characters). */
    static ResponseStatus status(String code) {
        if (code == null || code.length() != 5) return ResponseStatus.UNKNOWN;
        if (code.equals("40002")) return ResponseStatus.CLIENT_ERROR; // integrity violation at commit
        String cls = code.substring(0, 2);
        if (CLIENT_CLASSES.contains(cls)) return ResponseStatus.CLIENT_ERROR;
        if (SERVER_CLASSES.contains(cls)) return ResponseStatus.SERVER_ERROR;
        return ResponseStatus.UNKNOWN;
    }
}
