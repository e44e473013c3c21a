package dev.assistantkit.contract.generation;

/**
 * The one keyword a breaking instance gets wrong: at the instance path, the member schema's keyword
 * is read inverted (a {@code minLength} of 5 becomes "at most 4"), and the rest as written.
 *
 * @param path the JSON Pointer of the value that breaks the keyword
 * @param member the {@code #/...} location of the schema holding the keyword
 * @param keyword the keyword, or {@code "false"} for a false schema
 * @param variant which of the keyword's ways of breaking to take (a type to use instead, a required
 *     property to leave out)
 */
record Twist(String path, String member, String keyword, int variant) {

  boolean at(String instancePath) {
    return path.equals(instancePath);
  }

  /** Whether a value at this path contains the twisted one (or is it). */
  boolean below(String instancePath) {
    return path.equals(instancePath) || path.startsWith(instancePath + "/");
  }

  boolean on(SchemaAt s, String kw) {
    return s.location().equals(member) && keyword.equals(kw);
  }
}
