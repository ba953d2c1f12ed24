package dev.escalation.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The policy documentation and the code say the same: every JSON error is listed, every JSON policy loads. */
class PolicyDocsTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern JSON_BLOCK = Pattern.compile("```json\\n(.*?)```", Pattern.DOTALL);

    @Test
    void docs_policies_md_lists_every_json_error_the_reader_can_give() throws IOException {
        String doc = Files.readString(docs().resolve("policies.md"));

        for (JsonRule rule : JsonRule.values()) {
            for (String part : rule.text().split("%s")) {
                assertThat(doc).as("docs/policies.md on %s", rule).contains(part.strip());
            }
        }
    }

    @Test
    void every_json_policy_in_the_docs_loads_and_writes_back_equally() throws IOException {
        List<String> policies = new ArrayList<>();
        try (Stream<Path> files = Files.list(docs())) {
            for (Path doc :
                    files.filter(p -> p.toString().endsWith(".md")).sorted().toList()) {
                Matcher block = JSON_BLOCK.matcher(Files.readString(doc));
                while (block.find()) {
                    if (block.group(1).contains("\"sla")) {
                        policies.add(block.group(1));
                    }
                }
            }
        }

        assertThat(policies).as("JSON policies in docs/").hasSizeGreaterThanOrEqualTo(4);
        for (String json : policies) {
            JsonNode tree = MAPPER.readTree(json);
            PolicyDefinition[] definitions = tree.isArray()
                    ? MAPPER.treeToValue(tree, PolicyDefinition[].class)
                    : new PolicyDefinition[] {MAPPER.treeToValue(tree, PolicyDefinition.class)};
            for (PolicyDefinition definition : definitions) {
                assertThat(definition.toPolicy()).as(json).isNotNull();
                assertThat(MAPPER.readValue(MAPPER.writeValueAsString(definition), PolicyDefinition.class))
                        .as("%s written back", json)
                        .isEqualTo(definition);
            }
            if (tree.isArray() || definitions[0].scope().stageName() != null) {
                assertThat(PolicyRegistry.builder()
                                .define(Arrays.asList(definitions))
                                .build())
                        .as(json)
                        .isNotNull();
            }
        }
    }

    private static Path docs() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("docs"))) {
            dir = dir.getParent();
        }
        assertThat(dir).as("the project root, with docs/").isNotNull();
        return dir.resolve("docs");
    }
}
