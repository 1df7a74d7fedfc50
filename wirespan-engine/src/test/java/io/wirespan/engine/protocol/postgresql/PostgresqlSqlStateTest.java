package io.wirespan.engine.protocol.postgresql;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirespan.api.ResponseStatus;
import org.junit.jupiter.api.Test;

class PostgresqlSqlStateTest {
    @Test
    void namesAndClasses() {
        assertThat(PostgresqlSqlState.name("42P01")).isEqualTo("undefined_table");
        assertThat(PostgresqlSqlState.name("23505")).isEqualTo("unique_violation");
        assertThat(PostgresqlSqlState.name("42601")).isEqualTo("syntax_error");
        assertThat(PostgresqlSqlState.name("99999")).isNull();
        for (String code : new String[] {"22012", "23505", "42601", "28P01", "3D000", "0A000", "40002", "42XYZ"}) {
            assertThat(PostgresqlSqlState.status(code)).as(code).isEqualTo(ResponseStatus.CLIENT_ERROR);
        }
        for (String code : new String[] {"53300", "57014", "58030", "XX000", "40P01", "08006", "P0001"}) {
            assertThat(PostgresqlSqlState.status(code)).as(code).isEqualTo(ResponseStatus.SERVER_ERROR);
        }
        assertThat(PostgresqlSqlState.status("ZZ000")).isEqualTo(ResponseStatus.UNKNOWN);
        assertThat(PostgresqlSqlState.status("")).isEqualTo(ResponseStatus.UNKNOWN);
        assertThat(PostgresqlSqlState.status(null)).isEqualTo(ResponseStatus.UNKNOWN);
    }
}
