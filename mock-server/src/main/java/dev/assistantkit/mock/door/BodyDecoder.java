package dev.assistantkit.mock.door;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * A request body as it streams in: bytes on the wire and decoded bytes are both counted, and the
 * body is cut as soon as either passes the limit. gzip and deflate are inflated here, a chunk at a
 * time, so a decompression bomb costs at most the limit (plus zlib's window), never its inflated
 * size. Not thread-safe: one request's reads are serialized by Jetty.
 */
final class BodyDecoder implements AutoCloseable {

  /** What a step of decoding found. */
  enum Decoded {
    OK,
    TOO_LARGE,
    BAD_ENCODING
  }

  /** The content codings the mock reads. */
  enum Coding {
    IDENTITY,
    GZIP,
    DEFLATE;

    /**
     * The coding a Content-Encoding header names, or empty when the mock does not read it (br,
     * compress, zstd, a list of codings, anything unknown).
     */
    static Optional<Coding> parse(String headerValue) {
      if (headerValue == null) {
        return Optional.of(IDENTITY);
      }
      return switch (headerValue.trim().toLowerCase(Locale.ROOT)) {
        case "", "identity" -> Optional.of(IDENTITY);
        case "gzip", "x-gzip" -> Optional.of(GZIP);
        case "deflate" -> Optional.of(DEFLATE);
        default -> Optional.empty();
      };
    }
  }

  private enum Gzip {
    HEADER,
    EXTRA_LENGTH,
    EXTRA,
    NAME,
    COMMENT,
    HEADER_CRC,
    DATA,
    TRAILER,
    END
  }

  /** Bodies up to this size get their buffer at once; larger ones grow as they arrive. */
  static final int START = 8192;

  private static final int FHCRC = 2;
  private static final int FEXTRA = 4;
  private static final int FNAME = 8;
  private static final int FCOMMENT = 16;

  private final Coding coding;
  private final long limit;
  private final long expected;
  private Decoded outcome = Decoded.OK;
  private long wire;
  private byte[] out;
  private int size;

  private Inflater inflater;
  private final CRC32 crc = new CRC32();
  private Gzip state = Gzip.HEADER;
  private final byte[] field = new byte[10];
  private int fieldSize;
  private int flags;
  private int skip;
  private int memberStart;
  private int firstByte = -1;

  BodyDecoder(Coding coding, long limit) {
    this(coding, limit, 0);
  }

  /**
   * @param expected the length the client announced, 0 when unknown. The buffer starts at that
   *     length when it is small, and otherwise grows as bytes arrive: announcing 64 KiB and sending
   *     one byte costs a few KiB, not 64.
   */
  BodyDecoder(Coding coding, long limit, long expected) {
    this.coding = coding;
    this.limit = limit;
    this.expected = coding == Coding.IDENTITY ? expected : 0;
    long first = expected > 0 && coding == Coding.IDENTITY ? Math.min(expected, START) : 1024;
    this.out = new byte[(int) Math.max(16, Math.min(limit + 1, first))];
  }

  /** The bytes this body holds in memory now (its buffer). */
  int capacity() {
    return out.length;
  }

  /**
   * What this body holds beyond the first {@value #START} bytes, for the edge's budget: small
   * bodies (the API's) never wait for it, so a budget taken by large slow ones leaves them be.
   */
  long budgeted() {
    return Math.max(0, out.length - START);
  }

  Decoded write(byte[] b, int off, int len) {
    if (outcome != Decoded.OK) {
      return outcome;
    }
    wire += len;
    if (wire > limit) {
      return outcome = Decoded.TOO_LARGE;
    }
    return outcome =
        switch (coding) {
          case IDENTITY -> append(b, off, len);
          case DEFLATE -> deflate(b, off, len);
          case GZIP -> gzip(b, off, len);
        };
  }

  /** OK, or the first refusal a write found. */
  Decoded outcome() {
    return outcome;
  }

  /** The body has ended: is it complete? */
  Decoded finish() {
    if (outcome != Decoded.OK) {
      return outcome;
    }
    if (wire == 0) {
      return Decoded.OK; // no body: nothing to decode
    }
    return switch (coding) {
      case IDENTITY -> Decoded.OK;
      case DEFLATE -> inflater != null && inflater.finished() ? Decoded.OK : Decoded.BAD_ENCODING;
      case GZIP -> state == Gzip.END ? Decoded.OK : Decoded.BAD_ENCODING;
    };
  }

  /** The decoded body (call after {@link #finish()} said OK). */
  byte[] body() {
    return size == out.length ? out : Arrays.copyOf(out, size);
  }

  @Override
  public void close() {
    if (inflater != null) {
      inflater.end();
      inflater = null;
    }
  }

  private Decoded append(byte[] b, int off, int len) {
    if (size + (long) len > limit) {
      return Decoded.TOO_LARGE;
    }
    ensure(size + len);
    System.arraycopy(b, off, out, size, len);
    size += len;
    return Decoded.OK;
  }

  private void ensure(int needed) {
    if (needed > out.length) {
      long grown = Math.min(limit + 1, Math.max(needed, (long) out.length * 2));
      if (needed <= expected) {
        // no further than the length announced: the body then ends in this buffer, not in a copy
        grown = Math.min(grown, expected);
      }
      out = Arrays.copyOf(out, (int) grown);
    }
  }

  // ---- deflate (zlib, or raw deflate as some clients send it) -------------------------------

  private Decoded deflate(byte[] b, int off, int len) {
    int from = off;
    int end = off + len;
    if (inflater == null) {
      if (firstByte < 0) {
        if (len == 0) {
          return Decoded.OK;
        }
        firstByte = b[from++] & 0xFF;
        if (from == end) {
          return Decoded.OK;
        }
      }
      int second = b[from] & 0xFF;
      boolean zlib = (firstByte & 0x0F) == 8 && ((firstByte << 8) | second) % 31 == 0;
      inflater = new Inflater(!zlib);
      Decoded first = inflate(new byte[] {(byte) firstByte}, 0, 1);
      if (first != Decoded.OK) {
        return first;
      }
    }
    if (inflater.finished()) {
      return from == end ? Decoded.OK : Decoded.BAD_ENCODING; // bytes after the stream
    }
    Decoded o = inflate(b, from, end - from);
    if (o == Decoded.OK && inflater.finished() && inflater.getRemaining() > 0) {
      return Decoded.BAD_ENCODING;
    }
    return o;
  }

  /** Inflates into the body, stopping one byte past the limit. */
  private Decoded inflate(byte[] b, int off, int len) {
    inflater.setInput(b, off, len);
    try {
      while (!inflater.finished()) {
        if (size == out.length) {
          if (size > limit) {
            return Decoded.TOO_LARGE;
          }
          ensure(size + 1);
        }
        int n = inflater.inflate(out, size, out.length - size);
        if (coding == Coding.GZIP) {
          crc.update(out, size, n);
        }
        size += n;
        if (size > limit) {
          return Decoded.TOO_LARGE;
        }
        if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
          return inflater.needsDictionary() ? Decoded.BAD_ENCODING : Decoded.OK;
        }
      }
      return Decoded.OK;
    } catch (DataFormatException e) {
      return Decoded.BAD_ENCODING;
    }
  }

  // ---- gzip (RFC 1952), members one after another ------------------------------------------

  private Decoded gzip(byte[] b, int off, int len) {
    int i = off;
    int end = off + len;
    while (i < end) {
      switch (state) {
        case HEADER -> {
          field[fieldSize++] = b[i++];
          if (fieldSize == 10) {
            if ((field[0] & 0xFF) != 0x1F || (field[1] & 0xFF) != 0x8B || field[2] != 8) {
              return Decoded.BAD_ENCODING;
            }
            flags = field[3] & 0xFF;
            if ((flags & 0xE0) != 0) {
              return Decoded.BAD_ENCODING;
            }
            fieldSize = 0;
            state = next(Gzip.HEADER);
          }
        }
        case EXTRA_LENGTH -> {
          field[fieldSize++] = b[i++];
          if (fieldSize == 2) {
            skip = (field[0] & 0xFF) | (field[1] & 0xFF) << 8;
            fieldSize = 0;
            state = skip == 0 ? next(Gzip.EXTRA) : Gzip.EXTRA;
          }
        }
        case EXTRA -> {
          int n = Math.min(skip, end - i);
          i += n;
          skip -= n;
          if (skip == 0) {
            state = next(Gzip.EXTRA);
          }
        }
        case NAME, COMMENT -> {
          if (b[i++] == 0) {
            state = next(state);
          }
        }
        case HEADER_CRC -> {
          field[fieldSize++] = b[i++];
          if (fieldSize == 2) {
            fieldSize = 0;
            state = next(Gzip.HEADER_CRC);
          }
        }
        case DATA -> {
          if (inflater == null) {
            inflater = new Inflater(true);
          }
          Decoded o = inflate(b, i, end - i);
          if (o != Decoded.OK) {
            return o;
          }
          if (!inflater.finished()) {
            return Decoded.OK; // needs more input
          }
          i = end - inflater.getRemaining();
          state = Gzip.TRAILER;
        }
        case TRAILER -> {
          field[fieldSize++] = b[i++];
          if (fieldSize == 8) {
            long sum = le32(0);
            long isize = le32(4);
            if (sum != crc.getValue() || isize != ((size - memberStart) & 0xFFFFFFFFL)) {
              return Decoded.BAD_ENCODING;
            }
            fieldSize = 0;
            state = Gzip.END;
          }
        }
        case END -> {
          // another member may follow; anything else is not gzip
          inflater.reset();
          crc.reset();
          memberStart = size;
          state = Gzip.HEADER;
        }
      }
    }
    return Decoded.OK;
  }

  /** The header part after this one, skipping those the flags do not announce. */
  private Gzip next(Gzip done) {
    Gzip[] order = {
      Gzip.HEADER,
      Gzip.EXTRA_LENGTH,
      Gzip.EXTRA,
      Gzip.NAME,
      Gzip.COMMENT,
      Gzip.HEADER_CRC,
      Gzip.DATA
    };
    for (int k = done.ordinal() + 1; k < order.length; k++) {
      Gzip candidate = order[k];
      boolean present =
          switch (candidate) {
            case EXTRA_LENGTH -> (flags & FEXTRA) != 0;
            case EXTRA -> (flags & FEXTRA) != 0 && skip > 0;
            case NAME -> (flags & FNAME) != 0;
            case COMMENT -> (flags & FCOMMENT) != 0;
            case HEADER_CRC -> (flags & FHCRC) != 0;
            default -> true;
          };
      if (present) {
        return candidate;
      }
    }
    return Gzip.DATA;
  }

  private long le32(int at) {
    return (field[at] & 0xFFL)
        | (field[at + 1] & 0xFFL) << 8
        | (field[at + 2] & 0xFFL) << 16
        | (field[at + 3] & 0xFFL) << 24;
  }
}
