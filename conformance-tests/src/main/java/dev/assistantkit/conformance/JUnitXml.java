package dev.assistantkit.conformance;

import dev.assistantkit.contract.judging.Finding;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * The run as JUnit XML for CI, rendered from the typed results like the other reports: one test
 * suite per check class, one test case per check, named by the check's id (the JUnit Platform's own
 * XML names dynamic tests by index only). A failure fails with its findings, request, response and
 * curl line; a skip is skipped with its reason; a check that passed with advice passes, the advice
 * in its output. A run that stopped or judged nothing has one erroring case saying why, so no CI
 * reads it as green. Every text in it is masked already.
 */
final class JUnitXml {

  static final String FILE = "TEST-conformance.xml";

  private JUnitXml() {}

  static String render(RunSummary s) {
    Map<CheckKind, List<CheckResult>> byKind = new LinkedHashMap<>();
    for (CheckKind k : CheckKind.values()) {
      byKind.put(k, new ArrayList<>());
    }
    s.results().forEach(r -> byKind.get(r.kind()).add(r));
    try {
      StringWriter out = new StringWriter();
      XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
      x.writeStartDocument("UTF-8", "1.0");
      x.writeCharacters("\n");
      x.writeStartElement("testsuites");
      attribute(x, "name", s.title());
      attribute(x, "tests", Long.toString(s.results().size() + (s.exitStatus() == 2 ? 1 : 0)));
      attribute(x, "failures", Long.toString(s.failed()));
      attribute(x, "errors", s.exitStatus() == 2 ? "1" : "0");
      attribute(x, "skipped", Long.toString(s.skipped()));
      attribute(x, "time", seconds(s.duration().toMillis()));
      x.writeCharacters("\n");
      for (Map.Entry<CheckKind, List<CheckResult>> e : byKind.entrySet()) {
        if (!e.getValue().isEmpty()) {
          suite(x, s, className(e.getKey()), e.getValue());
        }
      }
      if (s.exitStatus() == 2) {
        runError(x, s);
      }
      x.writeEndElement();
      x.writeCharacters("\n");
      x.writeEndDocument();
      x.close();
      return out.toString();
    } catch (XMLStreamException e) {
      throw new IllegalStateException("cannot render the JUnit XML", e);
    }
  }

  private static void suite(
      XMLStreamWriter x, RunSummary s, String className, List<CheckResult> results)
      throws XMLStreamException {
    x.writeStartElement("testsuite");
    attribute(x, "name", className);
    attribute(x, "tests", Integer.toString(results.size()));
    attribute(x, "failures", count(results, Outcome.FAIL));
    x.writeAttribute("errors", "0");
    attribute(x, "skipped", count(results, Outcome.SKIP));
    x.writeCharacters("\n");
    x.writeStartElement("properties");
    property(x, "profile", s.profile().wireName());
    property(x, "settings", s.description());
    x.writeEndElement();
    x.writeCharacters("\n");
    for (CheckResult r : results) {
      x.writeStartElement("testcase");
      attribute(x, "name", r.id());
      attribute(x, "classname", className);
      switch (r.outcome()) {
        case FAIL -> {
          x.writeStartElement("failure");
          attribute(x, "message", r.summary().orElse("failed"));
          attribute(x, "type", failureType(r));
          x.writeCharacters(details(r));
          x.writeEndElement();
        }
        case SKIP -> {
          x.writeStartElement("skipped");
          attribute(x, "message", r.reason());
          x.writeEndElement();
        }
        case PASS, ADVICE -> {}
      }
      x.writeStartElement("system-out");
      x.writeCharacters(entries(r));
      x.writeEndElement();
      x.writeEndElement();
      x.writeCharacters("\n");
    }
    x.writeEndElement();
    x.writeCharacters("\n");
  }

  /** Why a run tested nothing, as one erroring case. */
  private static void runError(XMLStreamWriter x, RunSummary s) throws XMLStreamException {
    String why =
        s.stopped()
            .map(w -> "stopped before the checks: " + w)
            .orElse(
                s.reportProblems().isEmpty()
                    ? "no check was judged: nothing was tested"
                    : String.join("; ", s.reportProblems()));
    x.writeStartElement("testsuite");
    x.writeAttribute("name", "conformance run");
    x.writeAttribute("tests", "1");
    x.writeAttribute("failures", "0");
    x.writeAttribute("errors", "1");
    x.writeAttribute("skipped", "0");
    x.writeStartElement("testcase");
    x.writeAttribute("name", "run");
    x.writeAttribute("classname", "conformance run");
    x.writeStartElement("error");
    attribute(x, "message", why);
    x.writeAttribute("type", "exit status 2");
    x.writeEndElement();
    x.writeEndElement();
    x.writeEndElement();
    x.writeCharacters("\n");
  }

  private static void attribute(XMLStreamWriter x, String name, String value)
      throws XMLStreamException {
    x.writeAttribute(name, Reproduction.printable(value));
  }

  private static void property(XMLStreamWriter x, String name, String value)
      throws XMLStreamException {
    x.writeEmptyElement("property");
    attribute(x, "name", name);
    attribute(x, "value", value);
  }

  /** The check's result as lines of {@code key: value}, for its output. */
  private static String entries(CheckResult r) {
    StringBuilder sb = new StringBuilder("\n");
    ReportEntries.of(r).forEach((k, v) -> sb.append(k).append(": ").append(v).append('\n'));
    return sb.toString();
  }

  private static String details(CheckResult r) {
    StringBuilder sb = new StringBuilder();
    if (!r.got().isEmpty()) {
      sb.append("expected ").append(r.expected()).append(", got ").append(r.got()).append('\n');
    }
    for (Finding f : r.failures()) {
      sb.append(f).append('\n');
    }
    if (r.failures().isEmpty() && !r.reason().isEmpty()) {
      sb.append(r.reason()).append('\n');
    }
    if (!r.curl().isEmpty()) {
      sb.append(r.curl()).append('\n');
    }
    return Reproduction.printable(sb.toString());
  }

  private static String count(List<CheckResult> results, Outcome o) {
    return Long.toString(results.stream().filter(r -> r.outcome() == o).count());
  }

  private static String className(CheckKind kind) {
    Class<?> c =
        switch (kind) {
          case CATALOGUE -> CatalogueChecks.class;
          case DERIVED -> DerivedChecks.class;
          case FUZZ -> FuzzChecks.class;
          case RECORDED -> RecordedTrafficChecks.class;
        };
    return c.getName();
  }

  private static String seconds(long millis) {
    return String.format(Locale.ROOT, "%.3f", millis / 1000.0);
  }

  private static String failureType(CheckResult r) {
    return r.failures().isEmpty()
        ? "no verdict"
        : "violates " + String.join(", ", CheckResult.ruleIds(r.failures()));
  }
}
