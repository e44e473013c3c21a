package dev.assistantkit.contract.corpus;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assistantkit.contract.Contract;
import dev.assistantkit.contract.rules.Operation;
import dev.assistantkit.contract.rules.Origin;
import dev.assistantkit.contract.rules.Rule;
import dev.assistantkit.testsupport.Corpus;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every corpus document loads, and each assertion keyword of its requests is a rule. */
class CorpusLoadTest {

  static final Path ROOT = Path.of("..");

  static Stream<Corpus.Document> documents() {
    return Corpus.documents(ROOT).stream().filter(d -> !d.multiFile());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("documents")
  void a_document_loads_with_a_documented_rule_per_keyword(Corpus.Document doc) {
    Contract c = Contract.fromFile(doc.main());
    Set<String> ids = new HashSet<>();
    int derived = 0;
    for (Operation op : c.operations()) {
      for (Rule r : op.rules().all()) {
        assertTrue(ids.add(r.id()) || !r.id().startsWith(prefixOf(op)), "twice: " + r.id());
        if (r.origin() == Origin.DOCUMENTED && r.kind().wireName().equals("schema")) {
          derived++;
        }
      }
    }
    System.out.printf(
        "%s: %d operations, %d rules derived%n", doc.name(), c.operations().size(), derived);
    List<Rule> all = c.allRules();
    assertFalse(all.isEmpty());
  }

  private static String prefixOf(Operation op) {
    return op.id();
  }
}
