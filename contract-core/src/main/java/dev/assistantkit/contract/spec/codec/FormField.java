package dev.assistantkit.contract.spec.codec;

/**
 * One field of a form body as written: its name and value (escaped for a form-urlencoded body,
 * plain text for a multipart part) and, for a multipart part, its media type.
 *
 * @param contentType the part's Content-Type, or null for RFC 7578's default text/plain
 */
record FormField(String name, String value, String contentType) {}
