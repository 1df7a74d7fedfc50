package io.wirespan.engine.protocol.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MysqlSqlTest {
    @Test
    void derivesDeepFlowEndpoints() {
        assertThat(MysqlSql.endpoint("SELECT * FROM `controller` WHERE name = ?")).isEqualTo("SELECT controller");
        assertThat(MysqlSql.endpoint("select a from (select b from inner_t) x from outer_t")).isEqualTo("SELECT outer_t");
        assertThat(MysqlSql.endpoint("insert into tmp (id,lcuuid) values (1000,'x')")).isEqualTo("INSERT tmp");
        assertThat(MysqlSql.endpoint("UPDATE users SET a = 1")).isEqualTo("UPDATE users");
        assertThat(MysqlSql.endpoint("delete from test_table  where id=1")).isEqualTo("DELETE test_table");
        assertThat(MysqlSql.endpoint("create table `t2`( `id` int)")).isEqualTo("CREATE t2");
        assertThat(MysqlSql.endpoint("drop table t3")).isEqualTo("DROP t3");
        assertThat(MysqlSql.endpoint("ALTER TABLE t4 ADD c int")).isEqualTo("ALTER t4");
        assertThat(MysqlSql.endpoint("create database d")).isNull();
        assertThat(MysqlSql.endpoint("select @@version_comment limit 1")).isNull();
        assertThat(MysqlSql.endpoint("SET NAMES utf8")).isNull();
        assertThat(MysqlSql.endpoint("")).isNull();
    }

    @Test
    void recognisesSqlStartKeywords() {
        assertThat(starts("select 1")).isTrue();
        assertThat(starts(" \n/* c */ROLLBACK")).isTrue();
        assertThat(starts("use `test`")).isTrue();
        assertThat(starts("selected 1")).isFalse();
        assertThat(starts("hello")).isFalse();
        assertThat(starts("/* never closed")).isFalse();
        assertThat(starts("")).isFalse();
    }

    private static boolean starts(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return MysqlSql.startsWithKeyword(b, 0, b.length);
    }
}
