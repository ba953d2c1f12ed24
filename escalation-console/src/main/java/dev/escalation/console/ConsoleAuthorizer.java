package dev.escalation.console;

import com.sun.net.httpserver.HttpExchange;
import java.util.Optional;

/**
 * The host's check of who may act in the console: given a request (its headers, its principal as
 * the host's {@code Authenticator} set it), the operator's name when they may redeliver, or empty
 * when they may only look. The console shows no action and refuses every action request for whom it
 * returns empty. The default, {@link #readOnly()}, grants nobody.
 */
@FunctionalInterface
public interface ConsoleAuthorizer {

    /**
     * The operator allowed to act on this request.
     *
     * @param exchange the request
     * @return the operator's name, or empty when the request may not act
     */
    Optional<String> operator(HttpExchange exchange);

    /**
     * Grants no one: the console is read-only.
     *
     * @return the authorizer
     */
    static ConsoleAuthorizer readOnly() {
        return exchange -> Optional.empty();
    }
}
