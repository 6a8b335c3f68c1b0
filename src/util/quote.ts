/**
 * Text from the user as an error message quotes it: JSON-quoted (so newlines and control characters
 * cannot forge lines of a log) and at most `max` characters of it, so megabytes are never echoed.
 */
export function quoteInput(text: string, max = 100): string {
  return text.length > max ? `${JSON.stringify(text.slice(0, max))}… (${text.length} characters)` : JSON.stringify(text);
}

/** A long message shortened in the middle: its start and its end (where nested errors put the cause) are kept. */
export function clipMiddle(text: string, max = 2000): string {
  if (text.length <= max) return text;
  const half = Math.floor(max / 2);
  return `${text.slice(0, half)} … (${text.length - 2 * half} characters left out) … ${text.slice(-half)}`;
}
