package dev.escalation.cli;

import dev.escalation.jdbc.AuditVerification;
import dev.escalation.jdbc.AuditVerifier;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * {@code verify-audit}: walks the audit trail's hash chains ({@link AuditVerifier}) and exits with 1
 * when one is broken, naming the first row that was changed, deleted, inserted or moved.
 */
@Command(
        name = "verify-audit",
        mixinStandardHelpOptions = true,
        description = "Verifies the audit trail's hash chains: every chain, the tenant's (--tenant) or one by"
                + " name (--chain); exits with 1 when one is broken. An intact chain's head is printed to"
                + " publish; --published-head checks that the chain (--chain, or the --tenant's) still passes"
                + " through a head published earlier.")
final class VerifyAuditCommand extends StoreCommand {

    @Option(
            names = "--chain",
            paramLabel = "NAME",
            description = "verify only this chain: global:<stripe>/<stripes> or global (entries without a tenant),"
                    + " or tenant:<name> (default: every chain, or the --tenant's)")
    private String chain;

    @Option(
            names = "--published-head",
            paramLabel = "PLACE:HASH",
            converter = PublishedHead.Converter.class,
            description = "a head published earlier (as printed by an intact verification): the chain must still"
                    + " hold it, which catches a chain rewritten to its end")
    private PublishedHead publishedHead;

    @Override
    void check(CommandSpec command) {
        if (publishedHead != null
                && chain == null
                && command.parent().findOption("--tenant").getValue() == null) {
            throw new CommandLine.ParameterException(
                    command.commandLine(),
                    "Missing option '--chain' for '--published-head': name the chain the head was published for"
                            + " (as printed, e.g. global:3/16), or give --tenant; entries without a tenant lie in"
                            + " several chains");
        }
    }

    @Override
    int run(Session session) {
        List<AuditVerification> results = verify(session.store().auditVerifier(), session.tenant());
        boolean intact = results.stream().allMatch(AuditVerification::intact);
        if (session.json()) {
            session.printJson(json(intact, results));
        } else {
            text(session.out(), results);
        }
        return intact ? EscalationCli.OK : EscalationCli.CHECK_FAILED;
    }

    private List<AuditVerification> verify(AuditVerifier verifier, Optional<String> tenant) {
        Optional<String> named = Optional.ofNullable(chain).or(() -> tenant.map(t -> "tenant:" + t));
        if (publishedHead != null) {
            String name = named.orElseThrow(() -> new IllegalStateException("check() requires a chain"));
            return List.of(verifier.verify(name, publishedHead.place(), publishedHead.hash()));
        }
        return named.map(n -> List.of(verifier.verifyChain(n))).orElseGet(verifier::verifyAll);
    }

    private static void text(PrintWriter out, List<AuditVerification> results) {
        long broken = results.stream().filter(r -> !r.intact()).count();
        if (results.isEmpty()) {
            out.println("No audit chains: the audit trail is empty.");
            return;
        }
        for (AuditVerification result : results) {
            if (result.intact()) {
                out.printf(
                        "%s: intact, %d %s checked; head %d:%s%n",
                        result.chain(),
                        result.entriesChecked(),
                        result.entriesChecked() == 1 ? "entry" : "entries",
                        result.headSeq(),
                        result.headHash());
            } else {
                AuditVerification.Break problem = result.firstBreak().orElseThrow();
                out.printf("%s: BROKEN (%s) %s%n", result.chain(), problem.problem(), problem.message());
            }
        }
        out.printf(
                "%d %s verified: %d intact, %d broken%n",
                results.size(), results.size() == 1 ? "chain" : "chains", results.size() - broken, broken);
    }

    private static Map<String, Object> json(boolean intact, List<AuditVerification> results) {
        List<Map<String, Object>> chains = new ArrayList<>();
        for (AuditVerification result : results) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("chain", result.chain());
            one.put("intact", result.intact());
            one.put("entriesChecked", result.entriesChecked());
            one.put("anchorPlace", result.anchorSeq());
            one.put("headPlace", result.headSeq());
            one.put("headHash", result.headHash());
            result.firstBreak().ifPresent(b -> {
                Map<String, Object> problem = new LinkedHashMap<>();
                problem.put("place", b.chainSeq());
                problem.put("entryId", b.entryId().orElse(null));
                problem.put("problem", b.problem().name());
                problem.put("message", b.message());
                one.put("firstBreak", problem);
            });
            chains.add(one);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("intact", intact);
        answer.put("chains", chains);
        return answer;
    }

    /**
     * A chain head published earlier, as {@code PLACE:HASH}.
     *
     * @param place the head's place in its chain
     * @param hash  the hash of the entry at that place: 64 lower-case hex digits
     */
    record PublishedHead(long place, String hash) {

        private static final Pattern FORM = Pattern.compile("(\\d{1,18}):([0-9a-f]{64})");

        /** Reads PLACE:HASH; anything else is a usage error that shows the expected form. */
        static final class Converter implements CommandLine.ITypeConverter<PublishedHead> {
            @Override
            public PublishedHead convert(String value) {
                Matcher m = FORM.matcher(value);
                if (!m.matches()) {
                    throw new CommandLine.TypeConversionException(
                            "must be PLACE:HASH (a place, a colon, 64 lower-case hex digits), but was '" + value + "'");
                }
                return new PublishedHead(Long.parseLong(m.group(1)), m.group(2));
            }
        }
    }
}
