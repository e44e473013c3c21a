package dev.assistantkit.mock;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;

/** Request bodies for hostile-input tests: encodings, bombs, chunked framing. */
final class Bodies {

  private Bodies() {}

  static byte[] gzip(byte[] plain) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(plain);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  static byte[] deflate(byte[] plain, boolean zlibWrapped) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (DeflaterOutputStream d =
        new DeflaterOutputStream(out, new Deflater(Deflater.DEFAULT_COMPRESSION, !zlibWrapped))) {
      d.write(plain);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * A gzip member of {@code mebibytes} MiB of zeros, built without compressing them: one MiB of
   * zeros compressed with a full flush (so every copy of it is the same bytes) repeated, then an
   * empty final block and the trailer. 1024 MiB come to about a megabyte.
   */
  static byte[] gzipBomb(int mebibytes) {
    byte[] zeros = new byte[1 << 20];
    Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
    deflater.setInput(zeros);
    ByteArrayOutputStream block = new ByteArrayOutputStream();
    byte[] buffer = new byte[64 * 1024];
    while (!deflater.needsInput()) {
      int n = deflater.deflate(buffer, 0, buffer.length, Deflater.FULL_FLUSH);
      block.write(buffer, 0, n);
    }
    for (int n = deflater.deflate(buffer, 0, buffer.length, Deflater.FULL_FLUSH);
        n > 0;
        n = deflater.deflate(buffer, 0, buffer.length, Deflater.FULL_FLUSH)) {
      block.write(buffer, 0, n);
    }
    deflater.end();
    byte[] one = block.toByteArray();
    CRC32 crc = new CRC32();
    for (int i = 0; i < mebibytes; i++) {
      crc.update(zeros);
    }
    long size = (long) mebibytes << 20;
    ByteArrayOutputStream out = new ByteArrayOutputStream(10 + one.length * mebibytes + 10);
    out.write(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff}, 0, 10);
    for (int i = 0; i < mebibytes; i++) {
      out.write(one, 0, one.length);
    }
    out.write(new byte[] {3, 0}, 0, 2); // a final, empty fixed-Huffman block
    writeLe32(out, crc.getValue());
    writeLe32(out, size & 0xFFFFFFFFL);
    return out.toByteArray();
  }

  private static void writeLe32(ByteArrayOutputStream out, long v) {
    for (int i = 0; i < 4; i++) {
      out.write((int) (v >>> (8 * i)) & 0xFF);
    }
  }

  /** One chunk of chunked transfer coding. */
  static byte[] chunk(byte[] data, int off, int len) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(len + 12);
    byte[] size = (Integer.toHexString(len) + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
    out.write(size, 0, size.length);
    out.write(data, off, len);
    out.write('\r');
    out.write('\n');
    return out.toByteArray();
  }

  static final byte[] LAST_CHUNK = "0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
}
