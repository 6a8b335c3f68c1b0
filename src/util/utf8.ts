const strict = new TextDecoder("utf-8", { fatal: true });
const lenient = new TextDecoder("utf-8");

/**
 * Decodes UTF-8 text strictly (a file that is not UTF-8 is an error, as in Helm's YAML reader, not text
 * with U+FFFD in it): the text, or the 1-based line of the first bytes that are not UTF-8.
 */
export function decodeUtf8(bytes: Uint8Array): { readonly text: string } | { readonly badLine: number } {
  try {
    return { text: strict.decode(bytes) };
  } catch {
    const text = lenient.decode(bytes);
    const at = text.indexOf("\uFFFD");
    return { badLine: at < 0 ? 1 : text.slice(0, at).split("\n").length };
  }
}
