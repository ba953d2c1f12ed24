package dev.escalation.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** IDEs complete and document every escalation.* key from the metadata the build generates. */
class ConfigurationMetadataTest {

    @Test
    void every_escalation_property_is_in_the_metadata_with_a_description() throws Exception {
        JsonNode metadata;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            metadata = new ObjectMapper().readTree(in);
        }
        List<String> described = new ArrayList<>();
        for (JsonNode property : metadata.get("properties")) {
            if (property.get("name").asText().startsWith("escalation.") && property.hasNonNull("description")) {
                described.add(property.get("name").asText());
            }
        }

        assertThat(described)
                .containsExactlyInAnyOrder(
                        "escalation.enabled",
                        "escalation.min-interval",
                        "escalation.max-interval",
                        "escalation.policies",
                        "escalation.policy-locations",
                        "escalation.roles",
                        "escalation.jdbc.initialize-schema",
                        "escalation.jdbc.table-prefix",
                        "escalation.jdbc.schema",
                        "escalation.jdbc.history-table",
                        "escalation.health.max-run-age",
                        "escalation.health.max-failed-runs",
                        "escalation.endpoint.run-now-enabled",
                        "escalation.endpoint.write.enabled",
                        "escalation.console.enabled",
                        "escalation.console.page-size");
    }
}
