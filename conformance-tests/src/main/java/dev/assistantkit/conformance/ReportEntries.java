package dev.assistantkit.conformance;

import dev.assistantkit.contract.judging.Finding;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** A check's typed result as JUnit report entries: only for rendering the JUnit XML. */
final class ReportEntries {

  private ReportEntries() {}

  static Map<String, String> of(CheckResult r) {
    Map<String, String> e = new LinkedHashMap<>();
    put(e, "check", r.id());
    put(e, "outcome", r.outcome().wireName());
    put(e, "expected", r.expected());
    put(e, "got", r.got());
    put(e, "failures", lines(r.failures()));
    put(e, "advice", lines(r.advice()));
    put(e, "reason", r.reason());
    put(e, "request", r.request());
    put(e, "response", r.response());
    put(e, "curl", r.curl());
    return e;
  }

  private static String lines(List<Finding> findings) {
    return findings.stream().map(Finding::toString).collect(Collectors.joining("\n"));
  }

  private static void put(Map<String, String> e, String key, String value) {
    if (value != null && !value.isBlank()) {
      e.put(key, Reproduction.printable(value));
    }
  }
}
