package dev.assistantkit.contract.spec.codec;

import dev.assistantkit.contract.spec.codec.SchemaShape.ShapeKind;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Reads the styles that serialize a value into one string: simple (path, header), label and matrix
 * (path). A path value is the raw segment as matched, still percent-encoded; a header value is
 * taken as sent, its list items trimmed of optional whitespace.
 *
 * <p>An empty raw value is RFC 6570's "undefined" for label and matrix (absent) and, for simple, an
 * empty string, array or object ({@code []} rather than {@code [""]}: both expand to nothing; Prism
 * reads it so too).
 */
final class ValueReader {

  private final String name;
  private final ParameterStyle style;
  private final boolean explode;
  private final SchemaShape shape;
  private final Unescape unescape;
  private final boolean trim;
  private final String pointer;
  private final int maxPieces;

  ValueReader(
      String name,
      ParameterStyle style,
      boolean explode,
      SchemaShape shape,
      Unescape unescape,
      boolean trim,
      String pointer,
      int maxPieces) {
    this.name = name;
    this.style = style;
    this.explode = explode;
    this.shape = shape;
    this.unescape = unescape;
    this.trim = trim;
    this.pointer = pointer;
    this.maxPieces = maxPieces;
  }

  /** The value, or null for undefined. */
  JsonNode read(String raw) {
    return switch (style) {
      case SIMPLE -> simple(trim ? Pieces.strip(raw) : raw);
      case LABEL -> label(raw);
      case MATRIX -> matrix(raw);
      default -> throw new IllegalStateException(style + " does not read one value");
    };
  }

  /** {@code blue}, {@code blue,black,brown}, {@code R,100,G,200} or {@code R=100,G=200}. */
  private JsonNode simple(String raw) {
    return switch (shape.kind()) {
      case PRIMITIVE -> Pieces.scalar(raw, shape, unescape, pointer);
      case ARRAY ->
          raw.isEmpty()
              ? Scalars.NODES.arrayNode()
              : Pieces.array(
                  Pieces.split(raw, ',', trim, maxPieces, pointer), shape, unescape, pointer);
      case OBJECT -> raw.isEmpty() ? Scalars.NODES.objectNode() : object(raw, ',', explode);
    };
  }

  /**
   * {@code .blue}, {@code .blue,black,brown} / {@code .blue.black.brown}, {@code .R,100,G,200} /
   * {@code .R=100.G=200}. The non-exploded forms follow RFC 6570 section 3.2.5 and the OAS
   * 3.0.4/3.1.1 table; the 3.0.3/3.1.0 table's {@code .blue.black.brown} for explode=false is an
   * erratum those versions fixed, and reads here as one item.
   */
  private JsonNode label(String raw) {
    if (raw.isEmpty()) {
      return null;
    }
    if (raw.charAt(0) != '.') {
      throw new CodecFailure(ProblemKind.STYLE_PREFIX, pointer, "a label value starts with '.'");
    }
    String rest = raw.substring(1);
    char delimiter = explode ? '.' : ',';
    return switch (shape.kind()) {
      case PRIMITIVE -> Pieces.scalar(rest, shape, unescape, pointer);
      case ARRAY ->
          Pieces.array(
              Pieces.split(rest, delimiter, false, maxPieces, pointer), shape, unescape, pointer);
      case OBJECT -> rest.isEmpty() ? Scalars.NODES.objectNode() : object(rest, delimiter, explode);
    };
  }

  /**
   * {@code ;color=blue} ({@code ;color} when empty), {@code ;color=blue,black,brown} / {@code
   * ;color=blue;color=black;color=brown}, {@code ;color=R,100,G,200} / {@code ;R=100;G=200}. The
   * name must be the parameter's (compared after percent-decoding, case-sensitively).
   */
  private JsonNode matrix(String raw) {
    if (raw.isEmpty()) {
      return null;
    }
    if (raw.charAt(0) != ';') {
      throw new CodecFailure(ProblemKind.STYLE_PREFIX, pointer, "a matrix value starts with ';'");
    }
    List<String> pieces = Pieces.split(raw.substring(1), ';', false, maxPieces, pointer);
    if (explode && shape.kind() == ShapeKind.OBJECT) {
      return Pieces.assignments(pieces, shape, unescape, pointer, true);
    }
    if (explode && shape.kind() == ShapeKind.ARRAY) {
      List<String> items = pieces.stream().map(this::matrixValue).toList();
      return Pieces.array(items, shape, unescape, pointer);
    }
    if (pieces.size() != 1) {
      throw new CodecFailure(
          ProblemKind.STYLE_SYNTAX, pointer, "a matrix value holds one ';name=value' here");
    }
    String value = matrixValue(pieces.get(0));
    return switch (shape.kind()) {
      case PRIMITIVE -> Pieces.scalar(value, shape, unescape, pointer);
      case ARRAY ->
          Pieces.array(
              Pieces.split(value, ',', false, maxPieces, pointer), shape, unescape, pointer);
      case OBJECT -> value.isEmpty() ? Scalars.NODES.objectNode() : object(value, ',', false);
    };
  }

  /** The value of one {@code name=value} (or bare {@code name}) matrix piece. */
  private String matrixValue(String piece) {
    int eq = piece.indexOf('=');
    String rawName = eq < 0 ? piece : piece.substring(0, eq);
    if (!unescape.apply(rawName, pointer).equals(name)) {
      throw new CodecFailure(
          ProblemKind.STYLE_PREFIX, pointer, "a matrix piece names another parameter");
    }
    return eq < 0 ? "" : piece.substring(eq + 1);
  }

  private JsonNode object(String raw, char delimiter, boolean assignments) {
    List<String> pieces = Pieces.split(raw, delimiter, trim, maxPieces, pointer);
    return assignments
        ? Pieces.assignments(pieces, shape, unescape, pointer, false)
        : Pieces.keyValueList(pieces, shape, unescape, pointer);
  }
}
