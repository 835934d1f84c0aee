import { z } from 'zod';

/**
 * The `email` trait is the one address an invitation goes to, handed to SMTP as the recipient.
 * A list (`a@x.com, b@x.com`) reached every address in it, and a value with CR LF added headers
 * (`victim@x.com\r\nBcc: evil@x.com`), so it must be exactly one RFC 5322 addr-spec.
 *
 * zod's RFC 5322 pattern accepts a dot-atom or quoted local part and a host name or [IPv4]
 * domain; its quoted form (`".+"`) would also take `"a"@x.com, "b"@x.com` and control characters,
 * so a quoted local part is held to RFC 5322 qtext and quoted-pair here, and every control
 * character is refused. ASCII only, as in RFC 5322 (SMTPUTF8 addresses are refused).
 */
const addrSpec = z.email({ pattern: z.regexes.rfc5322Email });
const QUOTED_LOCAL = /^"(?:[\x20\x21\x23-\x5b\x5d-\x7e]|\\[\x20-\x7e])*"@/;
/** RFC 5321: at most 254 characters in a path's address. */
const MAX_LENGTH = 254;

/** Why `value` is not one usable address, or null when it is. */
export function emailAddressProblem(value: unknown): string | null {
  if (typeof value !== 'string') return 'must be a string holding one email address';
  if (value.length > MAX_LENGTH) return `longer than ${MAX_LENGTH} characters`;
  // eslint-disable-next-line no-control-regex
  if (/[\x00-\x1f\x7f]/.test(value)) return 'contains a control character (a line break, a tab)';
  if (!/^[\x20-\x7e]*$/.test(value)) return 'must be ASCII (RFC 5322)';
  // A quoted local part is checked on its own; the domain after it through the same pattern.
  const quoted = value.startsWith('"') ? QUOTED_LOCAL.exec(value) : null;
  if (value.startsWith('"') && !quoted) return 'not one RFC 5322 address';
  const plain = quoted ? `x@${value.slice(quoted[0].length)}` : value;
  if (!addrSpec.safeParse(plain).success)
    return 'not one RFC 5322 address (name@example.com; no lists, no display names)';
  return null;
}
