const DNS_1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** True for a DNS-1123 label's characters: lowercase letters, digits and '-', alphanumeric at both ends (length is the caller's check). */
export function isDns1123Label(text: string): boolean {
  return DNS_1123_LABEL.test(text);
}
