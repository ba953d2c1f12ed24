package dev.escalation.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.console.BreachedTask;
import dev.escalation.console.ConsoleAuthorizer;
import dev.escalation.console.ConsoleBackend;
import dev.escalation.console.ConsolePage;
import dev.escalation.console.EscalationConsole;
import dev.escalation.console.GivenUpNotification;
import dev.escalation.console.Redelivery;
import dev.escalation.console.TimelineLine;
import dev.escalation.core.report.ComplianceReport;
import dev.escalation.core.report.ReportPeriod;
import dev.escalation.core.time.Clock;
import dev.escalation.core.time.ManualClock;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.annotation.UserConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** The console's servlet under the management base path, each condition on its own. */
class EscalationConsoleManagementConfigurationTest {

    static final Instant NOW = Instant.parse("2026-01-06T10:00:00Z");

    final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withConfiguration(UserConfigurations.of(EscalationConsoleManagementConfiguration.class))
            .withBean(Clock.class, () -> ManualClock.at(NOW));

    @Test
    void mounts_the_console_under_the_management_base_path_when_there_is_a_backend() {
        runner.withBean(ConsoleBackend.class, OneBreachedTask::new)
                .run(context -> assertThat(registration(context).getUrlMappings())
                        .containsExactly("/actuator/escalation-console/*"));
    }

    @Test
    void follows_a_custom_management_base_path() {
        runner.withBean(ConsoleBackend.class, OneBreachedTask::new)
                .withPropertyValues("management.endpoints.web.base-path=/manage/")
                .run(context -> assertThat(registration(context).getUrlMappings())
                        .containsExactly("/manage/escalation-console/*"));
    }

    @Test
    void mounts_nothing_without_a_backend() {
        runner.run(context -> assertThat(context).doesNotHaveBean(ServletRegistrationBean.class));
    }

    @Test
    void mounts_nothing_without_escalation_console_on_the_classpath() {
        runner.withBean(ConsoleBackend.class, OneBreachedTask::new)
                .withClassLoader(new FilteredClassLoader(EscalationConsole.class))
                .run(context -> assertThat(context).doesNotHaveBean(ServletRegistrationBean.class));
    }

    @Test
    void mounts_nothing_outside_a_servlet_web_application() {
        new ApplicationContextRunner()
                .withConfiguration(UserConfigurations.of(EscalationConsoleManagementConfiguration.class))
                .withBean(ConsoleBackend.class, OneBreachedTask::new)
                .run(context -> assertThat(context).doesNotHaveBean(ServletRegistrationBean.class));
    }

    @Test
    void mounts_nothing_when_turned_off() {
        runner.withBean(ConsoleBackend.class, OneBreachedTask::new)
                .withPropertyValues("escalation.console.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(ServletRegistrationBean.class));
    }

    @Test
    void the_servlet_renders_the_breached_worklist() {
        runner.withBean(ConsoleBackend.class, OneBreachedTask::new).run(context -> {
            MockHttpServletResponse page = get(context);

            assertThat(page.getStatus()).isEqualTo(200);
            assertThat(page.getContentType()).startsWith("text/html");
            assertThat(page.getHeader("Content-Security-Policy")).contains("default-src 'none'");
            assertThat(page.getContentAsString()).contains("PO-1");
        });
    }

    @Test
    void is_read_only_without_an_authorizer() {
        runner.withBean(ConsoleBackend.class, OneBreachedTask::new)
                .run(context -> assertThat(get(context).getContentAsString()).doesNotContain("name=\"csrf\""));
    }

    @Test
    void offers_redelivery_to_whom_the_hosts_authorizer_names() {
        runner.withBean(ConsoleBackend.class, OneBreachedTask::new)
                .withBean(
                        ConsoleAuthorizer.class,
                        () -> exchange ->
                                Optional.ofNullable(exchange.getPrincipal()).map(p -> p.getUsername()))
                .run(context -> {
                    MockHttpServletRequest request = request();
                    request.setUserPrincipal(() -> "olga");

                    String html = serve(context, request).getContentAsString();

                    assertThat(html).contains("name=\"csrf\"", "olga");
                });
    }

    private static ServletRegistrationBean<?> registration(AssertableWebApplicationContext context) {
        return context.getBean(ServletRegistrationBean.class);
    }

    private static MockHttpServletResponse get(AssertableWebApplicationContext context) throws Exception {
        return serve(context, request());
    }

    private static MockHttpServletRequest request() {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/actuator/escalation-console/");
        request.setServletPath("/actuator/escalation-console");
        request.setPathInfo("/");
        return request;
    }

    private static MockHttpServletResponse serve(
            AssertableWebApplicationContext context, MockHttpServletRequest request) throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        ((EscalationConsoleServlet) registration(context).getServlet()).service(request, response);
        return response;
    }

    /** A backend with one breached task and one given-up notification. */
    static final class OneBreachedTask implements ConsoleBackend {

        @Override
        public ConsolePage<BreachedTask> breached(Optional<String> after, int limit) {
            return ConsolePage.last(List.of(
                    new BreachedTask("PO-1", "purchase-order", "Manager Approval", Optional.empty(), "dora", NOW, 1)));
        }

        @Override
        public List<TimelineLine> timeline(String taskId) {
            return List.of();
        }

        @Override
        public ConsolePage<GivenUpNotification> givenUp(Optional<String> after, int limit) {
            return ConsolePage.last(List.of(new GivenUpNotification(
                    "PO-1/0/ESCALATION/1/new-assignee", "PO-1", "ESCALATION", "dora", NOW, 20, Optional.empty())));
        }

        @Override
        public Redelivery redeliver(String requestId, String notificationId, String operator) {
            throw new AssertionError("a read-only test does not redeliver");
        }

        @Override
        public ComplianceReport compliance(Instant from, Instant to) {
            return ComplianceReport.of(Collections.emptyIterator(), from, to, ReportPeriod.DAY);
        }
    }
}
