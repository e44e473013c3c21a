package dev.assistantkit.contract.rules;

import com.networknt.schema.Error;
import dev.assistantkit.contract.spec.SchemaSet;
import dev.assistantkit.contract.spec.SpecDocument;
import dev.assistantkit.contract.spec.SpecPointer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Maps networknt's errors to the catalogue's rules, from their schema location, keyword, property
 * and arguments (never by parsing messages). The catalogue lint has proven at load that every
 * assertion keyword a request can reach belongs to a rule, so an unmapped error is a bug in this
 * project, not bad input.
 */
public final class ErrorMapper {

  private final List<RuleCatalogue> catalogues;
  private final SpecDocument spec;
  private final Optional<Rule> fallback;

  /**
   * @param catalogues where to look, in order: the operation's own first
   * @param spec the document, to place a missing property in its {@code required} list
   * @param op the operation whose errors these are (its derived fallback rule, if it has one, takes
   *     an error no rule covers), or null
   */
  public ErrorMapper(List<RuleCatalogue> catalogues, SpecDocument spec, Operation op) {
    this.catalogues = List.copyOf(catalogues);
    this.spec = spec;
    this.fallback =
        op == null
            ? Optional.empty()
            : op.rules().find(DerivedRules.fallbackId(op)).map(r -> r.forOperation(op));
  }

  /** The rule, and the origin there, of a keyword location (a catalogue's or a derived one). */
  public Optional<Violation> violationAt(
      String location, Part in, String pointer, Map<String, String> values) {
    for (RuleCatalogue c : catalogues) {
      Optional<RuleCatalogue.Match> m = c.match(location, null);
      if (m.isPresent()) {
        return Optional.of(
            m.get().rule().violation(in, pointer, location, m.get().origin(), values));
      }
    }
    return Optional.empty();
  }

  /**
   * @param errors networknt's errors
   * @param in the part of the request that was validated
   * @param fixedPointer a pointer to use for every error (a path parameter), or null to use the
   *     instance location
   * @param prefix an instance-location prefix to drop (the context schema's update property)
   */
  public List<Violation> map(List<Error> errors, Part in, String fixedPointer, String prefix) {
    List<Violation> out = new ArrayList<>(errors.size());
    for (Error e : errors) {
      out.add(map(e, in, fixedPointer, prefix));
    }
    return out;
  }

  private Violation map(Error e, Part in, String fixedPointer, String prefix) {
    String location = entry(SchemaSet.location(e), e);
    String instance = e.getInstanceLocation().toString();
    if (!prefix.isEmpty() && instance.startsWith(prefix)) {
      instance = instance.substring(prefix.length());
    }
    String keyword = e.getKeyword() == null ? "" : e.getKeyword();
    Object[] args = e.getArguments() == null ? new Object[0] : e.getArguments();
    String named = null; // the property an object-level keyword is about
    String missing = "";
    switch (keyword) {
      case "required" -> {
        missing = arg(args, 0, e.getProperty());
        named = missing;
      }
      case "dependentRequired" -> {
        missing = arg(args, 0, "");
        named = missing;
      }
      case "additionalProperties" -> named = arg(args, 0, e.getProperty());
      default -> {}
    }
    String pointer =
        fixedPointer != null
            ? fixedPointer
            : named != null && !named.isEmpty()
                ? instance + "/" + SpecPointer.escape(named)
                : instance;
    Map<String, String> values = new HashMap<>();
    values.put("pointer", pointer.isEmpty() ? "the body" : pointer);
    values.put(
        "property",
        keyword.equals("dependentRequired")
            ? arg(args, 1, lastSegment(instance))
            : named != null ? named : lastSegment(pointer));
    values.put("missing", missing.isEmpty() ? "a required field" : missing);
    values.put("detail", detail(keyword, args, e));
    Optional<RuleCatalogue.Match> match = Optional.empty();
    for (RuleCatalogue c : catalogues) {
      match = c.match(location, e.getInstanceNode());
      if (match.isPresent()) {
        break;
      }
    }
    if (match.isEmpty() && fallback.isPresent()) {
      return fallback.get().violation(in, pointer, location, Origin.DOCUMENTED, values);
    }
    if (match.isEmpty()) {
      throw new IllegalStateException(
          "the keyword at "
              + location
              + " belongs to no rule; the catalogue lint should have said so");
    }
    return match.get().rule().violation(in, pointer, location, match.get().origin(), values);
  }

  /**
   * The location of the entry a {@code required} or {@code dependentRequired} error is about (its
   * index in the list), so that a rule per required property can own it; else the location.
   */
  private String entry(String location, Error e) {
    String keyword = e.getKeyword() == null ? "" : e.getKeyword();
    Object[] args = e.getArguments() == null ? new Object[0] : e.getArguments();
    String list = location;
    String missing;
    if (keyword.equals("required") && location.endsWith("/required")) {
      missing = arg(args, 0, e.getProperty());
    } else if (keyword.equals("dependentRequired") && location.endsWith("/dependentRequired")) {
      missing = arg(args, 0, "");
      list = location + "/" + SpecPointer.escape(arg(args, 1, ""));
    } else {
      return location;
    }
    Optional<JsonNode> names = spec.node(list);
    if (names.isPresent() && names.get().isArray()) {
      for (int i = 0; i < names.get().size(); i++) {
        if (names.get().get(i).asString("").equals(missing)) {
          return list + "/" + i;
        }
      }
    }
    return location;
  }

  /** What a keyword found, from its arguments; never the offending value itself. */
  private static String detail(String keyword, Object[] args, Error e) {
    return switch (keyword) {
      case "type" -> "expected " + arg(args, 1, "another type") + ", got " + arg(args, 0, "?");
      case "enum" -> "not one of the allowed values";
      case "const" -> "not the allowed value";
      case "minLength" -> "shorter than " + arg(args, 0, "the minimum") + " characters";
      case "maxLength" -> "longer than " + arg(args, 0, "the maximum") + " characters";
      case "pattern" -> "does not have the required form";
      case "format" -> "is not a valid " + arg(args, 0, "value");
      case "minProperties" -> "fewer than " + arg(args, 0, "the minimum") + " fields";
      case "maxProperties" -> "more than " + arg(args, 0, "the maximum") + " fields";
      case "required", "dependentRequired" -> "missing " + arg(args, 0, "a field");
      case "additionalProperties" -> "not a declared field";
      default -> keyword.isEmpty() ? "not allowed here" : "breaks " + keyword;
    };
  }

  private static String arg(Object[] args, int i, String fallback) {
    if (i >= args.length || args[i] == null) {
      return fallback == null ? "" : fallback;
    }
    String s = args[i].toString();
    return s.length() > 80 ? s.substring(0, 80) + "..." : s;
  }

  private static String lastSegment(String pointer) {
    int slash = pointer.lastIndexOf('/');
    return slash < 0 ? pointer : pointer.substring(slash + 1).replace("~1", "/").replace("~0", "~");
  }
}
