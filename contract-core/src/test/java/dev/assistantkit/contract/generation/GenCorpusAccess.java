package dev.assistantkit.contract.generation;

import java.util.List;

/** Scratch access for exploration. */
public final class GenCorpusAccess {
  private GenCorpusAccess() {}

  public static List<String> requestSchemas(String doc) {
    return GenCorpus.schemas(doc).stream()
        .filter(
            s ->
                s.kind() == GenCorpus.CaseKind.REQUEST_BODY
                    || s.kind() == GenCorpus.CaseKind.PARAMETER)
        .map(GenCorpus.Schema::pointer)
        .toList();
  }
}
