import { Secret, TOTP } from 'otpauth';

/** RFC 6238 with what every authenticator app reads: SHA-1, 6 digits, 30 s. */
function totpOf(secret: string, label: string): TOTP {
  return new TOTP({
    issuer: 'cxloop',
    label,
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    secret: Secret.fromBase32(secret),
  });
}

/** A new random secret (160 bits, base32) and its otpauth:// URI for a QR code or a manual entry. */
export function newTotp(label: string): { secret: string; uri: string } {
  const secret = new Secret({ size: 20 }).base32;
  return { secret, uri: totpOf(secret, label).toString() };
}

/** Whether `code` is the code of now, or of the 30 s step before or after (a clock a little off). */
export function checkTotp(secret: string, code: string, now: number): boolean {
  if (!/^\d{6}$/.test(code.trim())) return false;
  return totpOf(secret, 'check').validate({ token: code.trim(), timestamp: now, window: 1 }) !== null;
}

/** The code at `now`: for tests, and for the CLI's check of an enrolment. */
export function totpCode(secret: string, now: number): string {
  return totpOf(secret, 'code').generate({ timestamp: now });
}
