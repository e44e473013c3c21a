package dev.assistantkit.contract.spec;

/**
 * Bounds on loading one document, whatever its files hold. Every bound is structural (counts and
 * sizes, never time), and crossing one is a {@link SpecLoadException} naming it.
 *
 * @param maxFiles files read, the main file included
 * @param maxBytes bytes read from all files together (a file is never read past it, whatever size
 *     it claims); and, counted apart, characters of text files inlined as strings (each time one is
 *     inlined)
 * @param maxNodes YAML/JSON tokens parsed from all files together (each start of a mapping or list,
 *     name and value counts; YAML aliases count each time they are replayed), and nodes of the
 *     bundled tree (inlined examples count each time). Real documents have one token per 13 to 35
 *     bytes: the default admits about 64 MiB of them, and bounds the trees in memory
 * @param maxDepth nesting of any file's tree and of the bundled tree, at most 1,000 (the walk is
 *     recursive); 500 is also the depth the JSON Schema validator accepts when it reads the
 *     document again
 */
public record SpecLimits(int maxFiles, long maxBytes, long maxNodes, int maxDepth) {

  /** 10,000 files, 64 MiB, 4 million nodes, 500 levels. */
  public static final SpecLimits DEFAULT = new SpecLimits(10_000, 64L << 20, 4_000_000, 500);

  public SpecLimits {
    if (maxFiles < 1 || maxBytes < 1 || maxNodes < 1 || maxDepth < 1) {
      throw new IllegalArgumentException("every limit must be positive");
    }
    if (maxDepth > 1_000) {
      throw new IllegalArgumentException("maxDepth is at most 1000, not " + maxDepth);
    }
  }
}
