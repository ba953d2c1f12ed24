package dev.escalation.spring.autoconfigure;

import dev.escalation.core.EscalationEngine;
import dev.escalation.core.operations.OperatorActions;
import dev.escalation.core.operations.OperatorQueries;
import dev.escalation.core.operations.Redelivery;
import dev.escalation.core.operations.RedeliveryRequest;
import dev.escalation.core.time.Clock;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.lang.Nullable;

/**
 * The {@code escalation} endpoint with its operator actions: redeliver given-up notifications
 * ({@code POST /actuator/escalation/redeliver}) and pause or resume a policy
 * ({@code POST /actuator/escalation/policies/{name}}). Present only when
 * {@code escalation.endpoint.write.enabled} (or {@code run-now-enabled}) is true: they change what is
 * sent. The operator is the authenticated principal when the request has one, else the required
 * {@code operator} parameter; every action is audited under that name.
 */
@Endpoint(id = "escalation")
public class EscalationWriteEndpoint extends EscalationEndpoint {

    private final OperatorActions actions;

    /**
     * The endpoint with operator actions.
     *
     * @param history the runs
     * @param health  the health verdict
     * @param engine  the engine, which explains a task
     * @param queries the store's queries
     * @param actions the store's operator actions
     * @param clock   the engine's clock
     */
    public EscalationWriteEndpoint(
            RunHistory history,
            EscalationHealth health,
            EscalationEngine engine,
            OperatorQueries queries,
            OperatorActions actions,
            Clock clock) {
        super(history, health, engine, queries, clock);
        this.actions = Objects.requireNonNull(actions, "actions");
    }

    /**
     * Puts given-up notifications back in the outbox with their idempotency keys, for the next run to
     * deliver: one ({@code notification}, its idempotency key) or every one of a task ({@code task}).
     * A request id answered before is not applied again.
     *
     * @param action       the action's name, {@code redeliver}
     * @param requestId    the caller's id for this request, so that a retried request is applied once
     * @param notification the idempotency key of one given-up notification
     * @param task         a task whose given-up notifications to redeliver
     * @param operator     who asks, required when the request is not authenticated
     * @param principal    the authenticated principal, if any
     * @return {@code requestId}, {@code repeated} and the {@code requeued} keys
     * @throws InvalidEndpointRequestException when the action is unknown, a parameter is missing or
     *     invalid (400)
     */
    @WriteOperation
    public Map<String, Object> redeliver(
            @Selector String action,
            String requestId,
            @Nullable String notification,
            @Nullable String task,
            @Nullable String operator,
            @Nullable Principal principal) {
        if (!"redeliver".equals(action)) {
            throw invalid("there is no action '" + action + "'; POST redeliver or policies/{name}");
        }
        if ((notification == null) == (task == null)) {
            throw invalid("redeliver needs exactly one of notification or task, but was notification=" + notification
                    + ", task=" + task);
        }
        String who = operator(operator, principal);
        Redelivery done = badRequestOn(() -> actions.redeliver(
                notification != null
                        ? RedeliveryRequest.one(requestId, who, notification)
                        : RedeliveryRequest.ofTask(requestId, who, task)));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("requestId", done.requestId());
        body.put("repeated", done.repeated());
        body.put("requeued", done.requeued());
        return body;
    }

    /**
     * Pauses or resumes a policy: a paused policy's tasks take no steps until it is resumed.
     *
     * @param collection the collection's name, {@code policies}
     * @param name       the policy's name
     * @param action     {@code pause} or {@code resume}
     * @param operator   who asks, required when the request is not authenticated
     * @param principal  the authenticated principal, if any
     * @return {@code policy}, {@code paused} and {@code changed} (false when it already was so)
     * @throws InvalidEndpointRequestException when the collection or the action is unknown or the
     *     operator is missing (400)
     */
    @WriteOperation
    public Map<String, Object> policy(
            @Selector String collection,
            @Selector String name,
            String action,
            @Nullable String operator,
            @Nullable Principal principal) {
        if (!"policies".equals(collection)) {
            throw invalid("there is no collection '" + collection + "'; POST policies/{name}");
        }
        String who = operator(operator, principal);
        boolean changed;
        if ("pause".equals(action)) {
            changed = badRequestOn(() -> actions.pausePolicy(name, who));
        } else if ("resume".equals(action)) {
            changed = badRequestOn(() -> actions.resumePolicy(name, who));
        } else {
            throw invalid("action must be pause or resume, but was '" + action + "'");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("policy", name);
        body.put("paused", "pause".equals(action));
        body.put("changed", changed);
        return body;
    }

    /** The authenticated principal wins over a parameter a caller could set to any name. */
    private static String operator(@Nullable String operator, @Nullable Principal principal) {
        if (principal != null) {
            return principal.getName();
        }
        if (operator == null || operator.isBlank()) {
            throw invalid("operator is required when the request is not authenticated, but was " + operator);
        }
        return operator;
    }

    private static InvalidEndpointRequestException invalid(String message) {
        return new InvalidEndpointRequestException(message, message);
    }
}
