package dev.escalation.spring.autoconfigure;

import dev.escalation.console.ConsoleAuthorizer;
import dev.escalation.console.ConsoleBackend;
import dev.escalation.console.EscalationConsole;
import dev.escalation.core.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The operations console under the management port, at {@code <management base path>/escalation-console}
 * ({@code /actuator/escalation-console} by default): when escalation-console is on the classpath, the
 * application is a servlet web application and has a {@code ConsoleBackend} bean. Read-only unless
 * the application has a {@code ConsoleAuthorizer} bean; {@code escalation.console.enabled=false}
 * turns it off. As a management context configuration it follows {@code management.server.port}.
 */
@ManagementContextConfiguration(proxyBeanMethods = false)
@ConditionalOnClass(
        name = {"dev.escalation.console.EscalationConsole", "jakarta.servlet.http.HttpServlet"},
        value = ServletRegistrationBean.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnBean(ConsoleBackend.class)
@ConditionalOnProperty(prefix = "escalation.console", name = "enabled", havingValue = "true", matchIfMissing = true)
public class EscalationConsoleManagementConfiguration {

    /** Where the console is mounted below the management base path. */
    public static final String PATH = "/escalation-console";

    /** Instantiated by Spring. */
    public EscalationConsoleManagementConfiguration() {}

    /**
     * The console's servlet.
     *
     * @param backend     what the console reads and acts through
     * @param authorizer  who may act, read-only for everyone when the application has none
     * @param clock       the application's clock, the system's when it has none
     * @param environment where the management base path is read
     * @return the registration
     */
    @Bean
    public ServletRegistrationBean<EscalationConsoleServlet> escalationConsoleServlet(
            ConsoleBackend backend,
            ObjectProvider<ConsoleAuthorizer> authorizer,
            ObjectProvider<Clock> clock,
            Environment environment) {
        EscalationConsole console = EscalationConsole.builder(backend)
                .authorizer(authorizer.getIfAvailable(ConsoleAuthorizer::readOnly))
                .clock(clock.getIfAvailable(Clock::system))
                .pageSize(environment.getProperty("escalation.console.page-size", Integer.class, 50))
                .build();
        String base = environment
                .getProperty("management.endpoints.web.base-path", "/actuator")
                .replaceAll("/+$", "");
        ServletRegistrationBean<EscalationConsoleServlet> registration =
                new ServletRegistrationBean<>(new EscalationConsoleServlet(console), base + PATH + "/*");
        registration.setName("escalationConsole");
        return registration;
    }
}
