package dev.escalation.testkit;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Hands a group's {@code @BeforeEach} the host's test that encloses it as a {@code @Nested} class,
 * so that the group makes its fixture with the host's {@link WorkflowRepositoryContract#createFixture}.
 */
final class EnclosingContract implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == WorkflowRepositoryContract.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRequiredTestInstances()
                .findInstance(WorkflowRepositoryContract.class)
                .orElseThrow(() -> new IllegalStateException(context.getRequiredTestClass()
                        + " runs only as a @Nested group of a WorkflowRepositoryContract"));
    }
}
