import type { FieldIssue } from '../issues.ts';

/**
 * Ill-formed UTF-16 (a lone surrogate, which JSON can carry as `\ud800`) has no UTF-8 form: the
 * database stored `x\ud800`, `x\ud801` and `x\udfff` all as `x\ufffd`, so three different ids
 * became one and a retry of the same id was stored again. Refused wherever input arrives.
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * JSON text can only produce a surrogate through a `\uD8xx`-`\uDFxx` escape (decoded UTF-8 never
 * holds one), so a body without such an escape needs no walk: the common case costs one scan.
 */
const SURROGATE_ESCAPE = /\\u[dD][89a-fA-F]/;

export function mayHoldLoneSurrogate(jsonText: string): boolean {
  // indexOf is several times faster than the regular expression over a body without escapes.
  return jsonText.includes('\\u') && SURROGATE_ESCAPE.test(jsonText);
}

const issue = (path: string, what: string): FieldIssue => ({
  path,
  code: 'ill_formed_unicode',
  message: `${what} holds a lone surrogate (ill-formed UTF-16), which has no UTF-8 form`,
});

/** The first string or key under `value` holding a lone surrogate, as an issue at its path. */
export function illFormedIssue(value: unknown, path = ''): FieldIssue | null {
  if (typeof value === 'string') return LONE_SURROGATE.test(value) ? issue(path, 'the text') : null;
  if (value === null || typeof value !== 'object') return null;
  const join = (key: string) => (path ? `${path}.${key}` : key);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = illFormedIssue(value[i], join(String(i)));
      if (found) return found;
    }
    return null;
  }
  for (const key of Object.keys(value)) {
    if (LONE_SURROGATE.test(key)) return issue(join(key), 'the key');
    const found = illFormedIssue((value as Record<string, unknown>)[key], join(key));
    if (found) return found;
  }
  return null;
}
