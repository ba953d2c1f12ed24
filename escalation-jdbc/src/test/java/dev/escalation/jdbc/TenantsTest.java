package dev.escalation.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How tenants are stored where the tenant is the distribution key (Citus), and how a batch splits by tenant. */
class TenantsTest {

    @Test
    void a_tenant_chain_lives_with_its_tenant_and_every_other_chain_with_the_empty_tenant() {
        assertThat(Tenants.ofChain(AuditChain.of(Optional.of("acme"), "T-1", 16)))
                .isEqualTo("acme");
        assertThat(Tenants.ofChain(AuditChain.of(Optional.empty(), "T-1", 16))).isEqualTo(Tenants.NONE);
        assertThat(Tenants.ofChain(AuditChain.GLOBAL)).isEqualTo(Tenants.NONE);
    }

    @Test
    void citus_stores_no_tenant_as_the_empty_tenant_and_postgres_as_null() {
        assertThat(Dialect.of(SqlDialect.CITUS).tenantColumn(Optional.empty())).isEqualTo(Tenants.NONE);
        assertThat(Dialect.of(SqlDialect.POSTGRESQL).tenantColumn(Optional.empty()))
                .isNull();
        assertThat(Dialect.of(SqlDialect.CITUS).tenantColumn(Optional.of("acme")))
                .isEqualTo("acme");
    }

    @Test
    void a_batch_splits_by_tenant_in_name_order_keeping_each_tenants_order() {
        Map<String, List<String>> split = Tenants.split(
                List.of("b:1", "-:2", "a:3", "b:4"),
                s -> s.startsWith("-") ? Optional.empty() : Optional.of(s.substring(0, 1)));

        assertThat(split)
                .containsExactly(
                        Map.entry("", List.of("-:2")),
                        Map.entry("a", List.of("a:3")),
                        Map.entry("b", List.of("b:1", "b:4")));
    }

    @Test
    void only_citus_adds_the_tenant_predicate() {
        assertThat(Dialect.of(SqlDialect.CITUS).sameTenant()).isEqualTo(" AND tenant = ?");
        assertThat(Dialect.of(SqlDialect.POSTGRESQL).sameTenant()).isEmpty();
        assertThat(Dialect.of(SqlDialect.H2).sameTenant()).isEmpty();
    }
}
